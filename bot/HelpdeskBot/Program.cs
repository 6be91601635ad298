using HelpdeskBot;
using HelpdeskBot.Agents;
using HelpdeskBot.Ai;
using HelpdeskBot.Api;
using HelpdeskBot.Catalog;
using HelpdeskBot.Chat;
using HelpdeskBot.Commands;
using HelpdeskBot.Conversations;
using HelpdeskBot.Knowledge;
using HelpdeskBot.Observability;
using HelpdeskBot.Outages;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Hosting;
using HelpdeskBot.Requests;
using HelpdeskBot.Routing;
using HelpdeskBot.Storage;
using HelpdeskBot.Terminal;
using HelpdeskBot.Tickets;

if (Usage.TryHandle(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);

builder.AddRepositoryConfiguration();
builder.AddTerminalChat(args);
builder.AddCommandLine(args);
builder.AddBotFramework();
builder.AddHelpdeskApi();
builder.AddHelpdeskStorage();
builder.AddConversations();
builder.AddPeople();
builder.AddKnowledge();
builder.AddServiceCatalog();
builder.AddAi();
builder.AddHelpdeskChat();
builder.AddMessageRouting();
builder.AddRequests();
builder.AddTickets();
builder.AddAgents();
builder.AddOutages();
builder.AddObservability();

var app = builder.Build();

app.UseRateLimiter();

app.MapHealth();
app.MapGet("/", () => "HelpdeskBot is running. Teams (or the Agents Playground) posts to /api/messages.");
app.MapBotMessages();
app.MapKnowledgePages();
app.MapKnowledgeApi();
app.MapPeopleApi();
app.MapTicketsApi();
app.MapOutagesApi();
app.MapHelpdeskApi();

return await app.RunHelpdeskAsync(args);

public partial class Program;

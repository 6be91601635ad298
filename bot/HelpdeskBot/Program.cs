using HelpdeskBot;
using HelpdeskBot.Ai;
using HelpdeskBot.Chat;
using HelpdeskBot.Conversations;
using HelpdeskBot.Knowledge;
using HelpdeskBot.Protocol.Hosting;
using HelpdeskBot.Storage;
using HelpdeskBot.Terminal;

var builder = WebApplication.CreateBuilder(args);

builder.AddRepositoryConfiguration();
builder.AddTerminalChat(args);
builder.AddBotFramework();
builder.AddHelpdeskStorage();
builder.AddConversations();
builder.AddKnowledge();
builder.AddAi();
builder.AddHelpdeskChat();

var app = builder.Build();

app.MapGet("/", () => "HelpdeskBot is running. Teams (or the Agents Playground) posts to /api/messages.");
app.MapBotMessages();
app.MapKnowledgePages();

return await app.RunHelpdeskAsync(args);

public partial class Program;

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HelpdeskBot.Catalog;
using HelpdeskBot.Knowledge;
using HelpdeskBot.Knowledge.Answers;
using HelpdeskBot.Outages;
using HelpdeskBot.Requests;
using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tests.Knowledge;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Ai;

/// <summary>
/// Questions in chat with a chat model configured: the bot's own OpenAI client and Semantic Kernel against a scripted
/// OpenAI-compatible server on loopback, which answers with tool calls and text and records what it was sent.
/// </summary>
public sealed class SemanticKernelChatTests : IAsyncLifetime
{
    private const string Question = "vpn wont conect from home";
    private readonly ManualTimeProvider _answerClock = new(DateTimeOffset.Parse("2026-12-07T09:00:00Z"));
    private ScriptedModelServer _model = null!;
    private FakeChannel _channel = null!;
    private HelpdeskBotFactory _bot = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _model = await ScriptedModelServer.StartAsync();
        _channel = await FakeChannel.StartAsync();
        _bot = new HelpdeskBotFactory(
            new Dictionary<string, string?>
            {
                ["Knowledge:ArticlesPath"] = KnowledgeFixture.SampleArticles,
                ["Knowledge:Search:SynonymsPath"] = RepositoryRoot.Combine("knowledge", "synonyms.txt"),
                ["Knowledge:PublicBaseUrl"] = "https://helpdesk.example.com",
                ["Ai:Endpoint"] = _model.BaseUrl + "/v1",
                ["Ai:Model"] = "test-model",
                ["Ai:Provider"] = "OpenAICompatible",
                ["Ai:ApiKey"] = "sk-test",
            },
            // Only the answer's deadline runs on a clock the test moves; the rest of the bot keeps real time.
            services => services.AddScoped(sp => ActivatorUtilities.CreateInstance<GroundedAnswers>(sp, (TimeProvider)_answerClock)));
        _client = _bot.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        await _model.DisposeAsync();
    }

    /// <summary>Asks, then returns the cards sent after "typing…": the answer, and a prepared form if any.</summary>
    private async Task<IReadOnlyList<JsonElement>> AskAsync(string question, int cards = 1)
    {
        await _client.PostActivityAsync(TeamsActivities.Message(_channel.ServiceUrl, question));
        var sent = await _channel.WaitForRequestsAsync(1 + cards);
        Assert.Equal("typing", sent[0].Activity.Type);
        return [.. sent.Skip(1).Select(r => Assert.Single(r.Activity.Attachments!).Content!.Value)];
    }

    private static string FirstText(JsonElement card) => card.GetProperty("body")[0].GetProperty("text").GetString()!;

    private async Task<T> InDatabaseAsync<T>(Func<HelpdeskDbContext, Task<T>> read)
    {
        await using var scope = _bot.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>());
    }

    private async Task<Ticket> FileAsync(string requesterId, string title)
    {
        await using var scope = _bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TicketService>()
            .CreateAsync(new NewTicket(TicketKind.Request, title, requesterId), SubmissionKey.Api("tests", Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task TheGroundedAnswerThroughSemanticKernelCitesTheSectionsAndTheModelIsOfferedThePlugins()
    {
        _model.ThenReply("Restart GlobalProtect, then sign in again with MFA [1].");

        var answer = Assert.Single(await AskAsync(Question));

        Assert.Equal("Restart GlobalProtect, then sign in again with MFA [1].", FirstText(answer));
        Assert.Contains(GeneratedAnswerCard.GeneratedNote, answer.GetRawText());
        Assert.Contains("[Open article](https://helpdesk.example.com/kb/vpn-cannot-connect)", answer.GetRawText());
        var request = Assert.Single(_model.Requests);
        Assert.Equal(("/v1/chat/completions", "Bearer sk-test", "test-model"), (request.Path, request.Authorization, request.Body.GetProperty("model").GetString()));
        Assert.Equal(["system", "user", "user"], request.Messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(GroundedAnswerPrompt.Rules + "\n" + GroundedAnswerPrompt.ToolRules, request.Messages[0].GetProperty("content").GetString());
        Assert.Contains("<source id=\"1\">\nArticle: VPN won't connect", request.Messages[1].GetProperty("content").GetString());
        Assert.Equal(Question, request.Messages[2].GetProperty("content").GetString());
        Assert.Equal(
            ["forms_list_forms", "forms_prepare_form", "knowledge_search_knowledge_base", "outages_active_outages", "tickets_my_open_tickets", "tickets_ticket_status"],
            request.ToolNames.Order());
    }

    [Fact]
    public async Task TheTicketStatusPluginTellsTheModelAboutTheCallersOwnTicketOnly()
    {
        var theirs = await FileAsync("29:someone-else", "Payroll export for the board");
        var mine = await FileAsync(TeamsActivities.UserId, "New monitor");
        _model.ThenCallTool("ticket_status", new { number = theirs.Number })
            .ThenCallTool("ticket_status", new { number = mine.Number.ToLowerInvariant() }, "call_2")
            .ThenReply($"Your ticket {mine.Number} (New monitor) is New.");

        var answer = Assert.Single(await AskAsync(Question));

        Assert.Equal($"Your ticket {mine.Number} (New monitor) is New.", FirstText(answer));
        Assert.Contains(GeneratedAnswerCard.RecordsNote, CardTexts.Of(answer));
        var results = _model.Requests[^1].ToolResults;
        Assert.Equal(RequestsChat.NotYours(theirs.Number), results[0]);
        Assert.StartsWith($"{mine.Number}: New monitor. State: New.", results[1]);
        Assert.DoesNotContain(_model.Requests.SelectMany(r => r.ToolResults), r => r.Contains("Payroll"));
    }

    [Fact]
    public async Task APreparedFormReachesThePersonAsTheFilledIntakeCardAndNothingIsFiledUntilTheySubmitIt()
    {
        _model.ThenCallTool("list_forms", new { })
            .ThenCallTool("prepare_form", new
            {
                formId = "hardware-request",
                values = new Dictionary<string, string> { ["items"] = "laptop", ["quantity"] = "1", ["deliverTo"] = "London office", ["colour"] = "red" },
            }, "call_2")
            .ThenReply("I've prepared the hardware request for you: check it and press Submit.");

        var cards = await AskAsync(Question, cards: 2);

        Assert.Equal("I've prepared the hardware request for you: check it and press Submit.", FirstText(cards[0]));
        var form = cards[1];
        Assert.Equal(("laptop", "London office"), (CardTexts.InputValue(form, "items"), CardTexts.InputValue(form, "deliverTo")));
        var results = _model.Requests[^1].ToolResults;
        Assert.Contains("hardware-request: Hardware request (request).", results[0]);
        Assert.Contains("nothing has been filed", results[1]);
        Assert.Contains("Left empty (no such field, or an answer it does not take): colour.", results[1]);
        Assert.Equal(0, await InDatabaseAsync(db => db.Set<Ticket>().CountAsync()));

        var data = JsonSerializer.SerializeToNode(form.GetProperty("actions")[0].GetProperty("data"))!.AsObject();
        foreach (var input in new[] { "items", "deliverTo" })
        {
            data[input] = CardTexts.InputValue(form, input);
        }

        data["quantity"] = "1";
        var submitted = await ExecuteAsync(IntakeCard.SubmitVerb, data);
        Assert.Contains("REQ", CardTexts.Of(submitted));
        Assert.Equal(1, await InDatabaseAsync(db => db.Set<Ticket>().CountAsync()));
    }

    [Fact]
    public async Task TheOutagePluginListsTheActiveOutages()
    {
        Outage outage;
        await using (var scope = _bot.Services.CreateAsyncScope())
        {
            outage = await scope.ServiceProvider.GetRequiredService<OutageService>().OpenAsync(
                new NewOutage("Printers in London are offline", ["printing"], Impact: "No printing on floors 2-4"), "29:agent", default, reachNow: false);
        }

        _model.ThenCallTool("active_outages", new { }).ThenReply($"Printing is down in London ({outage.Number}).");

        var answer = Assert.Single(await AskAsync(Question));

        Assert.Equal($"Printing is down in London ({outage.Number}).", FirstText(answer));
        var listed = Assert.Single(_model.Requests[^1].ToolResults);
        Assert.Equal($"{outage.Number} (Outage): Printers in London are offline. Services: printing. Status: Investigating. " +
            $"Impact: No printing on floors 2-4. Since {TicketText.Time(outage.StartedAt)}.", listed);
    }

    [Fact]
    public async Task AServerErrorFallsBackToTheExtractiveAnswer()
    {
        _model.ThenFail(500);

        var answer = Assert.Single(await AskAsync(Question));

        Assert.Equal("VPN won't connect", FirstText(answer));
        Assert.DoesNotContain(GeneratedAnswerCard.GeneratedNote, answer.GetRawText());
        Assert.Contains(_bot.Logs, l => l.StartsWith("Warning") && l.Contains("HttpRequestException") && l.Contains("InternalServerError"));
        Assert.DoesNotContain(_bot.Logs, l => l.Contains("overloaded"));
    }

    [Fact]
    public async Task AModelThatDoesNotAnswerInTimeFallsBackToTheExtractiveAnswer()
    {
        _model.ThenHang();

        // The turn runs within the POST: the clock moves while it waits for the model.
        var posted = _client.PostActivityAsync(TeamsActivities.Message(_channel.ServiceUrl, Question));
        await _model.WaitForRequestsAsync(1);
        _answerClock.Advance(new GroundedAnswerOptions().Timeout);
        await posted;
        var sent = await _channel.WaitForRequestsAsync(2);

        Assert.Equal("VPN won't connect", FirstText(sent[1].Activity.Attachments![0].Content!.Value));
        Assert.Contains(_bot.Logs, l => l.StartsWith("Warning") && l.Contains("did not answer within 00:00:08"));
    }

    private async Task<JsonElement> ExecuteAsync(string verb, JsonObject data)
    {
        var press = TeamsActivities.Invoke(_channel.ServiceUrl, "adaptiveCard/action", new { action = new { type = "Action.Execute", verb, data } });
        var response = await _client.PostActivityAsync(press);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value");
    }
}

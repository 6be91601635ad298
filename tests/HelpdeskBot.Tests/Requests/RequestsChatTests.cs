using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HelpdeskBot.Catalog;
using HelpdeskBot.Knowledge;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Requests;
using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tests.Knowledge;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Requests;

/// <summary>Service requests through /api/messages: intake cards, validation, confirmation in place, my tickets, status.</summary>
public abstract class RequestsChatTestsOn(string provider) : BotWithChannel(new HelpdeskBotFactory(new Dictionary<string, string?>
{
    ["Database:Provider"] = provider,
    ["Knowledge:ArticlesPath"] = KnowledgeFixture.SampleArticles,
    ["Knowledge:Search:SynonymsPath"] = RepositoryRoot.Combine("knowledge", "synonyms.txt"),
}))
{
    private int _replies;

    private async Task<Activity> SayAsync(string text, string userId = TeamsActivities.UserId)
    {
        var message = TeamsActivities.Message(Channel.ServiceUrl, text);
        message.From = new ChannelAccount(userId, "Someone");
        await Client.PostActivityAsync(message);
        _replies++;
        return (await Channel.WaitForRequestsAsync(_replies))[^1].Activity;
    }

    private static JsonElement CardOf(Activity reply) => Assert.Single(reply.Attachments!).Content!.Value;

    private static string Texts(JsonElement card) => CardTexts.Of(card);

    private Activity Invoke(string verb, JsonNode data) =>
        TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action", new
        {
            action = new { type = "Action.Execute", verb, data = JsonSerializer.Deserialize<JsonElement>(data.ToJsonString()) },
        });

    private async Task<JsonElement> InvokeAsync(Activity invoke)
    {
        var body = await (await Client.PostActivityAsync(invoke)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        return body.GetProperty("value");
    }

    /// <summary>The Submit button's data (item and token) with the given inputs, as the client sends it back.</summary>
    private static JsonObject Filled(JsonElement intakeCard, params (string Id, string Value)[] inputs)
    {
        var data = JsonNode.Parse(intakeCard.GetProperty("actions")[0].GetProperty("data").GetRawText())!.AsObject();
        foreach (var (id, value) in inputs)
        {
            data[id] = value;
        }

        return data;
    }

    private async Task<JsonElement> SoftwareCardAsync() =>
        await InvokeAsync(Invoke(CatalogChoiceCard.OpenVerb, new JsonObject { ["action"] = CatalogChoiceCard.OpenVerb, ["item"] = "software-install" }));

    private async Task<List<Ticket>> TicketsAsync()
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>().Set<Ticket>().AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task NewLaptopPleaseOpensTheHardwareIntakeCard()
    {
        var card = Texts(CardOf(await SayAsync("new laptop please")));

        Assert.Contains("Hardware request", card);
        Assert.Contains(IntakeCard.SubmitVerb, card);
        Assert.Contains("hardware-request", card);
    }

    [Theory]
    [InlineData("report an incident", null)] // names the item: no choices, no article, and no description of anything
    // A problem whose best article ("Outlook stuck offline or not syncing") is above the search's threshold but below
    // the knowledge-first one (Knowledge:KnowledgeFirstMinConfidence): the form, not an article about something else.
    [InlineData("my outlook keeps crashing", "my outlook keeps crashing")]
    public async Task TheIncidentFormOpensStraightAway(string text, string? description)
    {
        var form = CardOf(await SayAsync(text));
        var card = Texts(form);

        Assert.Contains("Report an incident", card);
        Assert.Contains(IntakeCard.SubmitVerb, card);
        Assert.DoesNotContain("Which of these do you need?", card);
        Assert.DoesNotContain("Was this helpful?", card);
        Assert.Equal(description, CardTexts.InputValue(form, "description"));
    }

    [Fact]
    public async Task AProblemTheKnowledgeBaseSolvesGetsTheArticleWithItsFormAsTheNextStep()
    {
        var answer = CardOf(await SayAsync("phne lost, cant do mfa"));

        Assert.Equal("Lost, stolen or reset phone used for MFA", answer.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Contains("Was this helpful?", Texts(answer));
        var next = answer.GetProperty("actions").EnumerateArray().Single(a => a.TryGetProperty("verb", out _));
        Assert.Equal("Password reset or account unlock", next.GetProperty("title").GetString());

        var form = await InvokeAsync(Invoke(CatalogChoiceCard.OpenVerb, JsonNode.Parse(next.GetProperty("data").GetRawText())!));
        Assert.Contains("Employee number", Texts(form));
        Assert.Contains(IntakeCard.SubmitVerb, Texts(form));
    }

    [Fact]
    public async Task NotHelpfulKeepsTheFormButtonOnTheCardThatReplacesTheAnswer()
    {
        var answer = CardOf(await SayAsync("my account is locked"));
        var no = answer.GetProperty("body").EnumerateArray().Last().GetProperty("actions")[1];

        var replaced = Texts(await InvokeAsync(Invoke(AnswerCard.FeedbackVerb, JsonNode.Parse(no.GetProperty("data").GetRawText())!)));

        Assert.DoesNotContain("Was this helpful?", replaced);
        Assert.Contains(CatalogChoiceCard.OpenVerb, replaced);
        Assert.Contains("password-reset", replaced);
    }

    [Fact]
    public async Task AProblemTheKnowledgeBaseCannotAnswerOpensTheFormStraightAwayAndIsRecordedAsAGap()
    {
        var form = CardOf(await SayAsync("the payroll system is down"));

        Assert.Contains("Report an incident", Texts(form));
        Assert.Contains(IntakeCard.SubmitVerb, Texts(form));
        Assert.Equal("the payroll system is down", CardTexts.InputValue(form, "description"));
        await using var scope = Bot.Services.CreateAsyncScope();
        var gap = await scope.ServiceProvider.GetRequiredService<HelpdeskBot.Knowledge.Storage.KnowledgeDbContext>().Gaps.SingleAsync();
        Assert.Equal("the payroll system is down", gap.Question);
    }

    [Fact]
    public async Task RequestListsTheWholeCatalogGroupedByKind()
    {
        var card = Texts(CardOf(await SayAsync("request")));

        Assert.Contains("Which of these do you need?", card);
        var catalog = Bot.Services.GetRequiredService<ServiceCatalog>();
        foreach (var item in catalog.Items.Where(i => i.Id != ServiceCatalog.OtherRequestId))
        {
            Assert.Contains(item.Title, card);
        }

        var problems = card.IndexOf("Report a problem", StringComparison.Ordinal);
        var requests = card.IndexOf("Request something", StringComparison.Ordinal);
        Assert.True(problems >= 0 && requests > problems, card);
        Assert.True(card.IndexOf("Report an incident", problems, StringComparison.Ordinal) < requests, "incidents come under their heading");
        Assert.Contains("Something else", card);
    }

    [Fact]
    public async Task AKnowledgeQuestionStillGetsTheKnowledgeAnswer()
    {
        var card = Texts(CardOf(await SayAsync("vpn wont conect from home")));

        Assert.Contains("Was this helpful?", card);
        Assert.DoesNotContain(IntakeCard.SubmitVerb, card);
    }

    [Fact]
    public async Task OpeningAnUnknownItemGivesAnErrorCard()
    {
        var card = Texts(await InvokeAsync(Invoke(CatalogChoiceCard.OpenVerb, new JsonObject { ["item"] = "no-such-item" })));

        Assert.Contains("doesn't exist", card);
    }

    [Fact]
    public async Task ASubmitMissingARequiredFieldComesBackWithTheErrorAndWhatWasTyped()
    {
        var form = await SoftwareCardAsync();

        var card = Texts(await InvokeAsync(Invoke(IntakeCard.SubmitVerb, Filled(form, ("software", "visio"), ("reason", "diagrams for the audit")))));

        Assert.Contains("Computer name: please fill this in.", card);
        Assert.Contains("diagrams for the audit", card);
        Assert.Contains("visio", card);
        Assert.Empty(await TicketsAsync());
    }

    [Fact]
    public async Task AValidSubmitCreatesOneTicketAndConfirmsInPlace()
    {
        var form = await SoftwareCardAsync();

        var confirmation = await InvokeAsync(Invoke(IntakeCard.SubmitVerb, Filled(form, ("software", "visio"), ("computerName", "LT-12345"))));

        var shown = Texts(confirmation.GetProperty("body"));
        Assert.Contains("REQ0001001 — Install Microsoft Visio on LT-12345", shown);
        Assert.Contains("New · P4 · we'll tell you when it changes", shown);
        Assert.Single(shown.Split("REQ0001001")[1..]); // the number once, not again in a summary line
        var ticket = Assert.Single(await TicketsAsync());
        Assert.Equal((TeamsActivities.UserId, "software-install", "Desktop Support"), (ticket.RequesterId, ticket.CatalogItemId, ticket.AssignmentGroup));
        Assert.Contains("LT-12345", ticket.Fields);
    }

    [Fact]
    public async Task TheSameInvokeTwiceAndADoubleSubmitGiveOneTicket()
    {
        var form = await SoftwareCardAsync();
        var data = Filled(form, ("software", "zoom"), ("computerName", "LT-1"));
        var invoke = Invoke(IntakeCard.SubmitVerb, data);

        var first = Texts(await InvokeAsync(invoke));
        var redelivered = Texts(await InvokeAsync(invoke));
        var doubleClick = Texts(await InvokeAsync(Invoke(IntakeCard.SubmitVerb, data)));

        Assert.Contains("REQ0001001", first);
        Assert.Contains("REQ0001001", redelivered);
        Assert.Contains("REQ0001001", doubleClick);
        Assert.Single(await TicketsAsync());
    }

    [Fact]
    public async Task ASubmitWithoutATokenOrForAnUnknownItemCreatesNothing()
    {
        var form = await SoftwareCardAsync();
        var noToken = Filled(form, ("software", "visio"), ("computerName", "LT-12345"));
        noToken.Remove("token");
        var unknownItem = Filled(form, ("software", "visio"), ("computerName", "LT-12345"));
        unknownItem["item"] = "no-such-item";

        Assert.Contains("no ticket was created", Texts(await InvokeAsync(Invoke(IntakeCard.SubmitVerb, noToken))));
        Assert.Contains("no ticket was created", Texts(await InvokeAsync(Invoke(IntakeCard.SubmitVerb, unknownItem))));
        Assert.Empty(await TicketsAsync());
    }

    [Theory]
    [InlineData("api:agent-tool:ALERT-1796467607")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public async Task ASubmitWithATokenTheBotDidNotIssueCreatesNothing(string token)
    {
        var data = Filled(await SoftwareCardAsync(), ("software", "visio"), ("computerName", "LT-12345"));
        data["token"] = token;

        Assert.Contains("no ticket was created", Texts(await InvokeAsync(Invoke(IntakeCard.SubmitVerb, data))));
        Assert.Empty(await TicketsAsync());
    }

    [Fact]
    public async Task AFormIssuedToOnePersonCreatesNothingWhenAnotherSubmitsIt()
    {
        var data = Filled(await SoftwareCardAsync(), ("software", "visio"), ("computerName", "LT-12345"));
        var byMallory = Invoke(IntakeCard.SubmitVerb, data);
        byMallory.From = new ChannelAccount("29:mallory", "Mallory");

        Assert.Contains("no ticket was created", Texts(await InvokeAsync(byMallory)));
        Assert.Empty(await TicketsAsync());

        await InvokeAsync(Invoke(IntakeCard.SubmitVerb, data));
        Assert.Equal(TeamsActivities.UserId, Assert.Single(await TicketsAsync()).RequesterId);
    }

    [Fact]
    public async Task MyTicketsListsTheTicketAndStatusShowsItsJournalToItsRequesterOnly()
    {
        var form = await SoftwareCardAsync();
        await InvokeAsync(Invoke(IntakeCard.SubmitVerb, Filled(form, ("software", "visio"), ("computerName", "LT-12345"))));

        var mine = Texts(CardOf(await SayAsync("my tickets")));
        var status = Texts(CardOf(await SayAsync("status REQ0001001")));
        var other = await SayAsync("status REQ0001001", userId: "29:someone-else");

        Assert.Contains("REQ0001001 — Install Microsoft Visio on LT-12345", mine);
        Assert.Contains("New · P4 · opened ", mine);
        Assert.Contains("Created: Install Microsoft Visio on LT-12345", status);
        Assert.Equal(RequestsChat.NotYours("REQ0001001"), other.Text);
    }

    [Theory]
    [InlineData("status 1001", RequestsChat.StatusHelp)]
    [InlineData("7", HelpdeskBot.Chat.SmallTalk.NoWords)]
    public async Task AMalformedCommandOrANumberGetsHelpAndIsNoKnowledgeGap(string text, string expected)
    {
        var reply = await SayAsync(text);

        Assert.Equal(expected, reply.Text);
        await using var scope = Bot.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<HelpdeskBot.Knowledge.Authoring.KnowledgeGaps>().ListAsync(10, default));
    }

    [Fact]
    public async Task AnIncidentIsTitledFromThePersonsOwnWordsAndShowsThemInItsStatusAndHistory()
    {
        var form = CardOf(await SayAsync("report an incident"));
        var said = "Printer on floor 3 shows offline since this morning\nThe queue has 40 jobs stuck.";
        await InvokeAsync(Invoke(IntakeCard.SubmitVerb, Filled(form, ("service", "printing"), ("description", said), ("affected", "team"), ("urgency", "medium"))));

        var mine = Texts(CardOf(await SayAsync("my tickets")));
        var status = Texts(CardOf(await SayAsync("status INC0001001")));

        var ticket = Assert.Single(await TicketsAsync());
        Assert.Equal("Printing: Printer on floor 3 shows offline since this morning", ticket.Title);
        Assert.Equal(said, ticket.Description);
        Assert.Contains("INC0001001 — Printing: Printer on floor 3 shows offline since this morning", mine);
        Assert.Contains("The queue has 40 jobs stuck.", status);
        Assert.Contains("Created: Printer on floor 3 shows offline since this morning", status);
        Assert.DoesNotContain("Report an incident", mine + status);
    }

    [Fact]
    public async Task ARequestNeedingTheManagersApprovalIsPendingWithTheManagerAsApprover()
    {
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(
            [
                (2, new PersonRecord("ada@contoso.example", "Ada Lovelace", ManagerEmail: "grace@contoso.example", TeamsId: TeamsActivities.UserId)),
                (3, new PersonRecord("grace@contoso.example", "Grace Hopper", TeamsId: "29:grace")),
            ], PersonSource.Csv, default);
        }

        var form = CardOf(await SayAsync("new laptop please"));
        var card = Texts(await InvokeAsync(Invoke(IntakeCard.SubmitVerb,
            Filled(form, ("items", "laptop"), ("quantity", "1"), ("deliverTo", "London, desk 42")))));

        Assert.Contains("REQ0001001 — Laptop × 1", card);
        Assert.Contains("needs approval", card);
        var ticket = Assert.Single(await TicketsAsync());
        Assert.Equal((ApprovalState.Pending, "29:grace"), (ticket.Approval, ticket.ApproverId));
    }

    [Fact]
    public async Task ARequestFromSomeoneWithNoManagerIsFiledWithApprovalPendingAndStuckForTheServiceDesk()
    {
        var form = CardOf(await SayAsync("new laptop please"));

        var card = Texts(await InvokeAsync(Invoke(IntakeCard.SubmitVerb,
            Filled(form, ("items", "laptop"), ("quantity", "1"), ("deliverTo", "London, desk 42")))));

        Assert.Contains("REQ0001001 — Laptop × 1", card);
        Assert.Contains(TicketConfirmationCard.NobodyToApprove, card);
        var ticket = Assert.Single(await TicketsAsync());
        Assert.Equal((ApprovalState.Pending, (string?)null, (DateTimeOffset?)null), (ticket.Approval, ticket.ApproverId, ticket.ResolutionDueAt));
        var stuck = Assert.Single(await JournalAsync(ticket.Number), e => e.Kind == JournalKind.ApprovalStuck);
        Assert.Equal((Ticket.SystemActor, (string?)null), (stuck.Actor, stuck.To));
        Assert.Contains("The directory has no manager for", stuck.Text);
    }

    [Fact]
    public async Task ARequestWhoseManagerNeverTalkedToTheBotIsFiledPendingNamingThemByEmail()
    {
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(
            [
                (2, new PersonRecord("ada@contoso.example", "Ada Lovelace", ManagerEmail: "Grace@Contoso.example", TeamsId: TeamsActivities.UserId)),
                (3, new PersonRecord("grace@contoso.example", "Grace Hopper")),
            ], PersonSource.Csv, default);
        }

        var form = CardOf(await SayAsync("new laptop please"));
        var card = Texts(await InvokeAsync(Invoke(IntakeCard.SubmitVerb,
            Filled(form, ("items", "laptop"), ("quantity", "1"), ("deliverTo", "London, desk 42")))));

        Assert.Contains("REQ0001001 — Laptop × 1", card);
        Assert.Contains("It needs approval first", card);
        var ticket = Assert.Single(await TicketsAsync());
        Assert.Equal((ApprovalState.Pending, "grace@contoso.example"), (ticket.Approval, ticket.ApproverId));
    }

    private async Task<List<TicketJournalEntry>> JournalAsync(string number)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        return [.. (await scope.ServiceProvider.GetRequiredService<TicketService>().FindByNumberAsync(number))!.Journal];
    }
}

public sealed class RequestsChatTests() : RequestsChatTestsOn(TestDatabases.Sqlite);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class RequestsChatTestsOnPostgreSQL() : RequestsChatTestsOn(TestDatabases.PostgreSQL);

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HelpdeskBot.Catalog;
using HelpdeskBot.Protocol.Hosting;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Requests;
using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Requests;

/// <summary>
/// After the ticket exists, over /api/messages: the approver's 1:1 card and their decision, the requester's comment and
/// cancel buttons, and the requester told of changes with their card updated in place. Proactive sends happen in the
/// background, so these tests wait (with a deadline) for what the fake channel receives.
/// </summary>
public abstract class TicketCardsChatTestsOn(string provider) : BotWithChannel(new HelpdeskBotFactory(new Dictionary<string, string?>
{
    ["Database:Provider"] = provider,
    ["Bot:Retry:MaxRetries"] = "0", // a conversation that cannot be reached is given up on at once
}))
{
    private const string Requester = TeamsActivities.UserId;
    private const string Approver = "29:grace";
    private const string RequesterCardId = "card-of-ada";

    private static JsonElement CardOf(Activity activity) =>
        activity.Attachments!.Single(a => a.ContentType == Attachment.AdaptiveCardContentType).Content!.Value;

    private static string Texts(JsonElement card) => CardTexts.Of(card);

    /// <summary>A click on a card button as Teams sends it: who clicked, in which conversation, on which card message.</summary>
    private Activity Click(string verb, JsonObject data, string userId = Requester, string conversationId = "a:personal-1", string cardId = RequesterCardId)
    {
        var invoke = TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action", new
        {
            action = new { type = "Action.Execute", verb, data = JsonSerializer.Deserialize<JsonElement>(data.ToJsonString()) },
        });
        invoke.From = new ChannelAccount(userId, userId == Approver ? "Grace Hopper" : "Ada Lovelace");
        invoke.Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = TeamsActivities.TenantId };
        invoke.ReplyToId = cardId;
        return invoke;
    }

    private async Task<string> ClickAsync(Activity click)
    {
        var body = await (await Client.PostActivityAsync(click)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        return Texts(body.GetProperty("value"));
    }

    /// <summary>Waits (up to a deadline) for a request to the channel that matches, among those after <paramref name="after"/>.</summary>
    private async Task<RecordedRequest> ReceivedAsync(Func<RecordedRequest, bool> match, int after = 0)
    {
        for (var count = after + 1; ; count++)
        {
            var requests = await Channel.WaitForRequestsAsync(count);
            if (requests.Skip(after).FirstOrDefault(match) is { } found)
            {
                return found;
            }
        }
    }

    private static bool IsCardContaining(RecordedRequest request, string text) =>
        request.Body is { } body && body.TryGetProperty("attachments", out _) && Texts(CardOf(request.Activity)).Contains(text, StringComparison.Ordinal);

    private async Task PeopleAsync()
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(
        [
            (2, new PersonRecord("ada@contoso.example", "Ada Lovelace", ManagerEmail: "grace@contoso.example", TeamsId: Requester)),
            (3, new PersonRecord("grace@contoso.example", "Grace Hopper", TeamsId: Approver)),
        ], PersonSource.Csv, default);
    }

    /// <summary>Ada says hello (so her conversation is known), opens the form and submits it; returns the confirmation.</summary>
    private async Task<string> FileAsync(string item, params (string Id, string Value)[] inputs)
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "hello"));
        await Channel.WaitForRequestsAsync(1);
        var form = await (await Client.PostActivityAsync(Click(CatalogChoiceCard.OpenVerb, new JsonObject { ["item"] = item })))
            .Content.ReadFromJsonAsync<JsonElement>();
        var data = JsonNode.Parse(form.GetProperty("value").GetProperty("actions")[0].GetProperty("data").GetRawText())!.AsObject();
        foreach (var (id, value) in inputs)
        {
            data[id] = value;
        }

        return await ClickAsync(Click(IntakeCard.SubmitVerb, data));
    }

    private Task<string> FileHardwareAsync() =>
        FileAsync("hardware-request", ("items", "laptop"), ("quantity", "1"), ("deliverTo", "London, desk 42"));

    private Task<string> FileSoftwareAsync() => FileAsync("software-install", ("software", "visio"), ("computerName", "LT-12345"));

    /// <summary>A 1:1 chat with the approver stored by a terminal chat that has ended: nothing listens at its address.</summary>
    private async Task ApproverSeenInAnEndedTerminalChatAsync()
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        var reference = new ConversationReference
        {
            ChannelId = "terminal",
            ServiceUrl = $"http://127.0.0.1:{BotProcess.FreePort()}/terminal/",
            Bot = new ChannelAccount("helpdeskbot", "HelpdeskBot"),
            User = new ChannelAccount(Approver, "Grace Hopper"),
            Conversation = new ConversationAccount { Id = "terminal-grace", ConversationType = "personal" },
        };
        await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().SaveAsync(reference, null, false, default);
    }

    private static JsonObject About(string number, params (string Key, string Value)[] more)
    {
        var data = new JsonObject { ["ticket"] = number };
        foreach (var (key, value) in more)
        {
            data[key] = value;
        }

        return data;
    }

    private async Task<Ticket> TicketAsync(string number = "REQ0001001")
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>().Set<Ticket>().AsNoTracking().SingleAsync(t => t.Number == number);
    }

    private async Task<(string ConversationId, string CardId)> ApprovalCardAsync()
    {
        var created = await ReceivedAsync(r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal));
        var members = created.Body!.Value.GetProperty("members");
        Assert.Equal(Approver, Assert.Single(members.EnumerateArray()).GetProperty("id").GetString());
        var card = await ReceivedAsync(r => IsCardContaining(r, "Approval needed"));
        var text = Texts(CardOf(card.Activity));
        Assert.Contains("Ada Lovelace asks for: Laptop × 1 (REQ0001001)", text);
        Assert.Contains("London, desk 42", text);
        Assert.Contains(ApprovalCard.ApproveVerb, text);
        var conversationId = card.Path.Split('/')[^2];
        return (Uri.UnescapeDataString(conversationId), "activity-approval");
    }

    [Fact]
    public async Task TheApproverGetsACardInA1To1ChatAndApprovingTellsTheRequesterUpdatingTheirCard()
    {
        await PeopleAsync();
        Assert.Contains("needs approval", await FileHardwareAsync());
        var (conversation, cardId) = await ApprovalCardAsync();
        var before = Channel.Requests.Count;

        var decided = await ClickAsync(Click(ApprovalCard.ApproveVerb, About("REQ0001001"), Approver, conversation, cardId));

        Assert.Contains("Approved", decided);
        Assert.DoesNotContain(ApprovalCard.ApproveVerb, decided);
        Assert.Equal(ApprovalState.Approved, (await TicketAsync()).Approval);
        var update = await ReceivedAsync(r => r.Method == "PUT", before);
        Assert.EndsWith($"/activities/{RequesterCardId}", update.Path);
        Assert.Contains("Approval: Approved", Texts(CardOf(update.Activity)));
        var told = await ReceivedAsync(r => r.Activity.Text?.Contains("was approved by Grace Hopper", StringComparison.Ordinal) == true, before);
        Assert.Contains("/a:personal-1/", Uri.UnescapeDataString(told.Path));
    }

    [Fact]
    public async Task RejectingNeedsAReasonAndThenCancelsTheRequestAndTellsTheRequesterWhy()
    {
        await PeopleAsync();
        await FileHardwareAsync();
        var (conversation, cardId) = await ApprovalCardAsync();

        var noReason = await ClickAsync(Click(ApprovalCard.RejectVerb, About("REQ0001001"), Approver, conversation, cardId));
        Assert.Contains("needs a reason", noReason);
        Assert.Contains(ApprovalCard.RejectVerb, noReason); // the buttons are still there
        Assert.Equal(ApprovalState.Pending, (await TicketAsync()).Approval);

        var before = Channel.Requests.Count;
        var rejected = await ClickAsync(Click(ApprovalCard.RejectVerb,
            About("REQ0001001", (ApprovalCard.ReasonInput, "Laptops are refreshed in March")), Approver, conversation, cardId));

        Assert.Contains("Rejected", rejected);
        var ticket = await TicketAsync();
        Assert.Equal((ApprovalState.Rejected, TicketState.Cancelled), (ticket.Approval, ticket.State));
        await ReceivedAsync(r => r.Activity.Text?.Contains("rejected by Grace Hopper: Laptops are refreshed in March", StringComparison.Ordinal) == true, before);
    }

    [Fact]
    public async Task AnApproverLastSeenInAnEndedTerminalChatGetsTheCardThroughTheRequestersChannel()
    {
        await PeopleAsync();
        await ApproverSeenInAnEndedTerminalChatAsync();
        await FileHardwareAsync();

        await ApprovalCardAsync();

        Assert.DoesNotContain(Bot.Logs, l => l.Contains("Publishing", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenNoChatReachesTheApproverTheRequesterIsToldAndCanTellThem()
    {
        await PeopleAsync();
        await ApproverSeenInAnEndedTerminalChatAsync();
        Channel.RefuseWhen = r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal) ? 403 : null;
        await FileHardwareAsync();

        var told = await ReceivedAsync(r => r.Activity.Text?.StartsWith("I couldn't reach Grace Hopper, who approves REQ0001001", StringComparison.Ordinal) == true);

        Assert.Contains("my approvals", told.Activity.Text);
        Assert.Equal(ApprovalState.Pending, (await TicketAsync()).Approval);
        var logs = Bot.Logs;
        Assert.Single(logs, l => l.Contains("Approval card for REQ0001001 could not reach 29:grace", StringComparison.Ordinal));
        // The requester's channel refused a new chat, then the old terminal chat was tried too: one line each.
        Assert.Single(logs, l => l.Contains("Could not reach conversation terminal-grace on terminal", StringComparison.Ordinal));
        // No stack trace for an expected failure (the test logger appends the exception's type when one is logged).
        Assert.DoesNotContain(logs, l => l.Contains("Publishing", StringComparison.Ordinal) || l.EndsWith("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SomeoneOtherThanTheNamedApproverIsRefusedAndNothingChanges()
    {
        await PeopleAsync();
        await FileHardwareAsync();
        var (conversation, cardId) = await ApprovalCardAsync();

        var mallory = await ClickAsync(Click(ApprovalCard.ApproveVerb, About("REQ0001001"), "29:mallory", conversation, cardId));
        var requesterSelf = await ClickAsync(Click(ApprovalCard.ApproveVerb, About("REQ0001001")));
        var forgedTicket = await ClickAsync(Click(ApprovalCard.ApproveVerb, About("REQ0009999"), Approver, conversation, cardId));

        Assert.All([mallory, requesterSelf, forgedTicket], card => Assert.Contains("Only the approver named on this request", card));
        Assert.Equal((ApprovalState.Pending, TicketState.New), ((await TicketAsync()).Approval, (await TicketAsync()).State));
    }

    [Fact]
    public async Task ARequesterCommentsOnAndCancelsTheirTicketFromItsCard()
    {
        await FileSoftwareAsync();

        var commented = await ClickAsync(Click(TicketActions.CommentVerb, About("REQ0001001", (TicketActions.CommentInput, "Version 2024 please"))));
        var cancelled = await ClickAsync(Click(TicketActions.CancelVerb, About("REQ0001001", (TicketActions.ReasonInput, "found a licence"))));

        Assert.Contains("Your comment was added.", commented);
        Assert.Contains("Comment: Version 2024 please", commented);
        Assert.Contains("REQ0001001 is cancelled.", cancelled);
        Assert.DoesNotContain(TicketActions.CancelVerb, cancelled);
        Assert.Equal(TicketState.Cancelled, (await TicketAsync()).State);
    }

    private async Task ResolveAsync(string note)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<TicketService>();
        await service.AssignAsync("REQ0001001", "Desktop Support", "29:agent", "29:agent");
        await service.ChangeStateAsync("REQ0001001", TicketState.InProgress, "29:agent");
        await service.ChangeStateAsync("REQ0001001", TicketState.Resolved, "29:agent", note);
    }

    [Fact]
    public async Task ResolvingGivesTheRequesterTheNoteAndARatingThatTheApiShows()
    {
        await FileSoftwareAsync();
        var before = Channel.Requests.Count;

        await ResolveAsync("Installed Visio 2024 from the company portal");

        var update = await ReceivedAsync(r => r.Method == "PUT" && IsCardContaining(r, "Resolution: Installed Visio 2024 from the company portal"), before);
        var card = Texts(CardOf(update.Activity));
        Assert.Contains("Rate this", card);
        Assert.Contains("Still broken", card);
        var rated = await ClickAsync(Click(TicketActions.RateVerb, About("REQ0001001", (TicketActions.ScoreInput, "4"), (TicketActions.RatingCommentInput, "quick, thanks"))));
        Assert.Contains("Thanks for rating REQ0001001.", rated);
        Assert.Contains("You rated it 4/5: quick, thanks", rated);
        var api = await Client.GetFromJsonAsync<JsonElement>("/api/tickets/REQ0001001");
        Assert.Equal((4, "quick, thanks"), (api.GetProperty("rating").GetProperty("score").GetInt32(), api.GetProperty("rating").GetProperty("comment").GetString()));
    }

    [Fact]
    public async Task StillBrokenReopensTheTicketAndARatingBeforeResolutionIsRefused()
    {
        await FileSoftwareAsync();
        var early = await ClickAsync(Click(TicketActions.RateVerb, About("REQ0001001", (TicketActions.ScoreInput, "5"))));
        await ResolveAsync("Reinstalled");

        var noScore = await ClickAsync(Click(TicketActions.RateVerb, About("REQ0001001", (TicketActions.ScoreInput, "ten"))));
        var reopened = await ClickAsync(Click(TicketActions.ReopenVerb, About("REQ0001001", (TicketActions.StillBrokenInput, "it crashes on start"))));

        Assert.Contains("it can be rated once it is resolved", early);
        Assert.Contains("Pick a rating from 1 to 5.", noScore);
        Assert.Contains("REQ0001001 is reopened", reopened);
        Assert.Contains("Still broken: it crashes on start", reopened);
        var ticket = await TicketAsync();
        Assert.Equal((TicketState.Reopened, (int?)null), (ticket.State, ticket.Rating));
    }

    [Fact]
    public async Task ButtonsOfSomeoneElsesTicketOrWithAChangedNumberDoNothing()
    {
        await FileSoftwareAsync();

        var otherUser = await ClickAsync(Click(TicketActions.CancelVerb, About("REQ0001001"), userId: "29:mallory"));
        var changedNumber = await ClickAsync(Click(TicketActions.CancelVerb, About("INC0001001")));
        var emptyComment = await ClickAsync(Click(TicketActions.CommentVerb, About("REQ0001001", (TicketActions.CommentInput, "   "))));
        var hugeComment = await ClickAsync(Click(TicketActions.CommentVerb, About("REQ0001001", (TicketActions.CommentInput, new string('x', 100 * 1024)))));

        Assert.Contains("I can't find a ticket REQ0001001 of yours.", otherUser);
        Assert.Contains("I can't find a ticket INC0001001 of yours.", changedNumber);
        Assert.Contains("A comment needs some text.", emptyComment);
        Assert.Contains("A comment can be at most 4,000 characters", hugeComment);
        var ticket = await TicketAsync();
        Assert.Equal(TicketState.New, ticket.State);
        Assert.Equal(1, ticket.Version); // created, nothing since
    }

    [Fact]
    public async Task WhenTheHelpDeskMovesTheTicketTheRequestersCardIsUpdatedInPlaceAndTheyAreTold()
    {
        await FileSoftwareAsync();
        var before = Channel.Requests.Count;

        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TicketService>().AssignAsync("REQ0001001", "Desktop Support", "29:agent", "29:agent");
            await scope.ServiceProvider.GetRequiredService<TicketService>().ChangeStateAsync("REQ0001001", TicketState.InProgress, "29:agent");
        }

        var update = await ReceivedAsync(r => r.Method == "PUT" && IsCardContaining(r, "In progress ·"), before);
        Assert.EndsWith($"/activities/{RequesterCardId}", update.Path);
        await ReceivedAsync(r => r.Activity.Text == "REQ0001001 (Install Microsoft Visio on LT-12345) is now In progress.", before);
    }

    [Fact]
    public async Task CancellingWhileApprovalIsPendingClosesTheApproversCard()
    {
        await PeopleAsync();
        await FileHardwareAsync();
        var (_, _) = await ApprovalCardAsync();
        var before = Channel.Requests.Count;

        await ClickAsync(Click(TicketActions.CancelVerb, About("REQ0001001")));

        var update = await ReceivedAsync(r => r.Method == "PUT", before);
        Assert.Contains("Cancelled by the requester: nothing to decide", Texts(CardOf(update.Activity)));
        Assert.DoesNotContain(ApprovalCard.ApproveVerb, Texts(CardOf(update.Activity)));
    }

    [Fact]
    public async Task ClientsWithoutActionExecuteCommentThroughTheSubmitFallback()
    {
        await FileSoftwareAsync();
        var before = Channel.Requests.Count;
        var submit = TeamsActivities.Message(Channel.ServiceUrl, "");
        submit.Text = null;
        submit.Value = JsonSerializer.SerializeToElement(new Dictionary<string, string>
        {
            ["verb"] = TicketActions.CommentVerb, ["ticket"] = "REQ0001001", [TicketActions.CommentInput] = "sent from an old client",
        });

        await Client.PostActivityAsync(submit);

        var reply = await ReceivedAsync(r => r.Method == "POST" && IsCardContaining(r, "Your comment was added."), before);
        Assert.Contains("Comment: sent from an old client", Texts(CardOf(reply.Activity)));
    }

    [Fact]
    public async Task A100KbAnswerInTheFormComesBackAsAnErrorAndCreatesNothing()
    {
        var card = await FileAsync("software-install", ("software", "visio"), ("computerName", new string('x', 100 * 1024)));

        Assert.Contains("characters is too long; the limit is", card);
        Assert.True(card.Length < 28 * 1024, $"The card sent back is {card.Length:N0} characters: too big for Teams.");
        await using var scope = Bot.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>().Set<Ticket>().ToListAsync());
    }

    [Fact]
    public async Task MyApprovalsGivesTheApproverAFreshCardForEachRequestWaitingForThem()
    {
        await PeopleAsync();
        await FileHardwareAsync();
        await ApprovalCardAsync();
        var before = Channel.Requests.Count;

        var grace = TeamsActivities.Message(Channel.ServiceUrl, "my approvals", "a:personal-grace");
        grace.From = new ChannelAccount(Approver, "Grace Hopper");
        await Client.PostActivityAsync(grace);
        var ada = TeamsActivities.Message(Channel.ServiceUrl, "my approvals");
        await Client.PostActivityAsync(ada);

        var card = await ReceivedAsync(r => IsCardContaining(r, "Approval needed"), before);
        Assert.Contains("/a:personal-grace/", Uri.UnescapeDataString(card.Path));
        await ReceivedAsync(r => r.Activity.Text == RequestsChat.NoApprovals, before);
    }
}

public sealed class TicketCardsChatTests() : TicketCardsChatTestsOn(TestDatabases.Sqlite);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class TicketCardsChatTestsOnPostgreSQL() : TicketCardsChatTestsOn(TestDatabases.PostgreSQL);

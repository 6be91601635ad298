using System.Net.Http.Json;
using System.Text.Json;
using HelpdeskBot.Handover;
using HelpdeskBot.Knowledge;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tests.Knowledge;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Handover;

/// <summary>
/// Reaching a person through /api/messages: the offer (asked for, after two "not helpful" in a row, or for the same
/// problem again), Yes filing or reusing an incident waiting for a chat, and when someone will answer. The desk works
/// 09:00-17:00 UTC, Monday to Friday; the clock starts on a Monday at 10:00.
/// </summary>
public sealed class HandoverChatTests : BotWithChannel
{
    private static readonly DateTimeOffset Monday10 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock;
    public HandoverChatTests() : this(new ManualTimeProvider(Monday10)) { }

    private HandoverChatTests(ManualTimeProvider clock) : base(new HelpdeskBotFactory(new Dictionary<string, string?>
    {
        ["Knowledge:ArticlesPath"] = KnowledgeFixture.SampleArticles,
        ["Knowledge:Search:SynonymsPath"] = RepositoryRoot.Combine("knowledge", "synonyms.txt"),
        ["Tickets:Sla:BusinessHours:TimeZone"] = "UTC",
    }, services => services.AddSingleton<TimeProvider>(clock))) => _clock = clock;

    private static JsonElement CardOf(Activity reply) => Assert.Single(reply.Attachments!).Content!.Value;

    private static bool IsOffer(Activity reply) =>
        reply.Attachments is [{ } attachment] && CardTexts.Of(attachment.Content!.Value).Contains(HandoverOfferCard.Title);

    private static JsonElement Button(JsonElement card, string verb) =>
        card.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("verb").GetString() == verb);

    /// <summary>Presses a card's button as Action.Execute; returns the card that replaces it.</summary>
    private async Task<JsonElement> PressAsync(string verb, JsonElement data, TimeSpan? localOffset = null)
    {
        var invoke = TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action", new { action = new { type = "Action.Execute", verb, data } });
        if (localOffset is { } offset)
        {
            invoke.LocalTimestamp = _clock.GetUtcNow().ToOffset(offset);
        }

        var body = await (await Client.PostActivityAsync(invoke)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        Seen = Channel.Requests.Count; // a press may send messages of its own (the offer after "not helpful")
        return body.GetProperty("value");
    }

    private Task<JsonElement> YesAsync(JsonElement offer, TimeSpan? localOffset = null) =>
        PressAsync(HandoverOfferCard.YesVerb, Button(offer, HandoverOfferCard.YesVerb).GetProperty("data"), localOffset);

    private async Task<List<Ticket>> TicketsAsync()
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>().Set<Ticket>().AsNoTracking()
            .Include(t => t.Journal.OrderBy(e => e.Id)).ToListAsync();
    }

    [Fact]
    public async Task TalkToAHumanOffersToPassTheLastQuestionOnNotTheNewStarterForm()
    {
        await SayAsync("vpn wont conect from home");

        var offer = CardOf(Assert.Single(await SayAsync("talk to a human")));

        var texts = CardTexts.Of(offer);
        Assert.Contains(HandoverOfferCard.Title, texts);
        Assert.DoesNotContain("New starter", texts);
        Assert.Equal("vpn wont conect from home", CardTexts.InputValue(offer, HandoverOfferCard.QuestionInput));
        Assert.Contains("Bot answered with: VPN won't connect (vpn-cannot-connect)", texts);
        Assert.Equal(["Yes, pass it on", "No thanks"], offer.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task YesFilesOneIncidentWithTheQuestionAndWhatWasTriedWaitingForAChatAndSaysWhenSomeoneAnswers()
    {
        await SayAsync("vpn wont conect from home");
        var offer = CardOf(Assert.Single(await SayAsync("can I speak to someone")));

        var reply = CardTexts.Of(await YesAsync(offer));

        var ticket = Assert.Single(await TicketsAsync());
        Assert.Equal((TicketKind.Incident, "Chat: vpn wont conect from home", "Service Desk"), (ticket.Kind, ticket.Title, ticket.AssignmentGroup));
        Assert.Equal((TicketImpact.Medium, TicketUrgency.Medium), (ticket.Impact, ticket.Urgency));
        Assert.StartsWith("vpn wont conect from home\n\nLast turns of the chat:\n- Asked: vpn wont conect from home\n- Bot answered with: VPN won't connect (vpn-cannot-connect)", ticket.Description);
        Assert.Contains($"{ticket.Number} — Chat: vpn wont conect from home", reply);
        Assert.Contains(HandoverReplyCard.Passed, reply);
        Assert.Contains(HandoverReplyCard.AnswerBy(HandoverChat.When(ticket.FirstResponseDueAt!.Value, Monday10, null)), reply);
        Assert.Contains("UTC", reply);
        Assert.DoesNotContain("closed", reply);
        var handoff = Assert.Single(ticket.Journal, e => e.Kind == JournalKind.Handoff);
        Assert.Equal((TeamsActivities.UserId, Ticket.ChatWaiting), (handoff.Actor, handoff.To));
    }

    [Fact]
    public async Task ASecondYesOnTheSameOfferGivesTheSameTicket()
    {
        var offer = CardOf(Assert.Single(await SayAsync("agent please")));

        var first = CardTexts.Of(await YesAsync(offer));
        var again = CardTexts.Of(await YesAsync(offer));

        var ticket = Assert.Single(await TicketsAsync());
        Assert.Equal("Chat: asked for a person", ticket.Title);
        Assert.Contains(ticket.Number, first);
        Assert.Contains(ticket.Number, again);
        Assert.Single(ticket.Journal, e => e.Kind == JournalKind.Handoff);
    }

    [Fact]
    public async Task AnOpenIncidentAboutTheSameThingIsReusedWithTheQuestionAsAComment()
    {
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TicketService>().CreateAsync(new NewTicket(
                TicketKind.Incident, "Outlook keeps crashing on start", TeamsActivities.UserId), SubmissionKey.Chat("earlier-form-0001"));
        }

        await SayAsync("outlook crashing on start every morning");
        var offer = CardOf(Assert.Single(await SayAsync("i want to talk to someone")));

        var reply = CardTexts.Of(await YesAsync(offer));
        await YesAsync(offer); // re-delivered: no second comment

        var ticket = Assert.Single(await TicketsAsync());
        Assert.Contains(HandoverReplyCard.Added(ticket.Number), reply);
        var comment = Assert.Single(ticket.Journal, e => e.Kind == JournalKind.Comment);
        Assert.StartsWith("outlook crashing on start every morning\n\nLast turns of the chat:\n- Asked: outlook crashing on start every morning", comment.Text);
        Assert.Single(ticket.Journal, e => e.Kind == JournalKind.Handoff && e.To == Ticket.ChatWaiting);
    }

    [Fact]
    public async Task TwoNotHelpfulInARowOfferToPassItOn()
    {
        var first = CardOf(Assert.Single(await SayAsync("vpn wont conect from home")));
        await PressAsync(AnswerCard.FeedbackVerb, NoData(first));
        Assert.Single(Channel.Requests); // one "not helpful" is no reason yet

        var second = CardOf(Assert.Single(await SayAsync("bitlocker recovery key")));
        await PressAsync(AnswerCard.FeedbackVerb, NoData(second));

        var offer = Channel.Requests[^1].Activity;
        Assert.True(IsOffer(offer));
        var texts = CardTexts.Of(CardOf(offer));
        Assert.Contains("Marked not helpful: VPN won't connect (vpn-cannot-connect)", texts);
        Assert.Contains("Marked not helpful: BitLocker recovery key requested at startup (bitlocker-recovery-key)", texts);
        Assert.Equal("bitlocker recovery key", CardTexts.InputValue(CardOf(offer), HandoverOfferCard.QuestionInput));
    }

    private static JsonElement NoData(JsonElement answer) =>
        answer.GetProperty("body").EnumerateArray().Last().GetProperty("actions")[1].GetProperty("data");

    [Fact]
    public async Task TheSameProblemAgainGetsTheAnswerAndThenTheOffer()
    {
        await SayAsync("vpn wont conect from home");

        var replies = await SayAsync("vpn still wont conect from home");

        Assert.Equal(2, replies.Count);
        Assert.Contains("Was this helpful?", CardTexts.Of(CardOf(replies[0])));
        Assert.True(IsOffer(replies[1]));
        Assert.Equal("vpn still wont conect from home", CardTexts.InputValue(CardOf(replies[1]), HandoverOfferCard.QuestionInput));
        Assert.False(IsOffer(Assert.Single(await SayAsync("bitlocker recovery key"))));
    }

    [Fact]
    public async Task OutsideBusinessHoursTheReplySaysTheDeskIsClosedAndWhenItOpens()
    {
        _clock.Advance(TimeSpan.FromDays(5)); // Saturday 10:00 UTC
        var offer = CardOf(Assert.Single(await SayAsync("human please")));

        var reply = CardTexts.Of(await YesAsync(offer, localOffset: TimeSpan.FromHours(1)));

        var ticket = Assert.Single(await TicketsAsync());
        Assert.Contains(HandoverReplyCard.Closed("Mon 30 Nov 10:00"), reply); // 09:00 UTC, in the requester's +01:00
        Assert.Contains(HandoverReplyCard.AnswerBy(HandoverChat.When(ticket.FirstResponseDueAt!.Value, _clock.GetUtcNow(), TimeSpan.FromHours(1))), reply);
        Assert.DoesNotContain("UTC", reply);
    }

    [Fact]
    public async Task NoSaysOkAndFilesNothing()
    {
        var offer = CardOf(Assert.Single(await SayAsync("this didn't help")));

        var reply = await PressAsync(HandoverOfferCard.NoVerb, Button(offer, HandoverOfferCard.NoVerb).GetProperty("data"));

        Assert.Contains(HandoverChat.Declined, CardTexts.Of(reply));
        Assert.Empty(await TicketsAsync());
    }

    [Fact]
    public async Task AnOfferMadeForSomeoneElseFilesNothing()
    {
        var offer = CardOf(Assert.Single(await SayAsync("talk to a human")));
        var data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Button(offer, HandoverOfferCard.YesVerb).GetProperty("data"))!;
        data["token"] = JsonSerializer.SerializeToElement("0123456789abcdef01234567.0123456789abcdef0123456789abcdef");

        var reply = CardTexts.Of(await PressAsync(HandoverOfferCard.YesVerb, JsonSerializer.SerializeToElement(data)));

        Assert.Contains("wasn't made for you", reply);
        Assert.Empty(await TicketsAsync());
    }

    [Fact]
    public async Task TheFallbackSubmitAnswersWithANewMessage()
    {
        var offer = CardOf(Assert.Single(await SayAsync("speak to an agent")));
        var submit = TeamsActivities.Message(Channel.ServiceUrl, "");
        submit.Value = Button(offer, HandoverOfferCard.YesVerb).GetProperty("fallback").GetProperty("data");

        await Client.PostActivityAsync(submit);

        var reply = CardTexts.Of(CardOf((await Channel.WaitForRequestsAsync(Seen + 1))[^1].Activity));
        var ticket = Assert.Single(await TicketsAsync());
        Assert.Contains(ticket.Number, reply);
    }
}

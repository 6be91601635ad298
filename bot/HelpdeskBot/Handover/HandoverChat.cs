using System.Globalization;
using System.Text;
using System.Text.Json;
using HelpdeskBot.Knowledge;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Requests;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Handover;

/// <summary>
/// Reaching a person from chat: the offer ("Shall I pass this to the service desk?") and its answer. Yes files an
/// incident for the Service Desk with the question and what was tried (or adds them to the person's open incident about
/// the same thing from the last <see cref="ReuseWindow"/>), marks it waiting for a chat
/// (<see cref="TicketService.RequestChatAsync"/>) and says when someone will answer; No files nothing.
/// </summary>
public sealed class HandoverChat(
    TicketService tickets, CardTokens cardTokens, ConversationTurns turns, TicketPolicy policy, TimeProvider time, ILogger<HandoverChat> logger)
{
    public const string AssignmentGroup = "Service Desk";
    public const string TokenItem = "handover";
    public const string Declined = "OK, I won't pass it on. Ask me anything else, or type **help** to see what I can do.";
    public const string NoQuestion = "Asked in chat to talk to the service desk (no question given).";
    public static readonly TimeSpan ReuseWindow = TimeSpan.FromDays(7);
    public const int MaxTitleQuestion = 120;
    public const int MaxTriedLine = 300;

    public static bool Handles(string? verb) => verb is HandoverOfferCard.YesVerb or HandoverOfferCard.NoVerb;

    /// <summary>Sends the offer, carrying <paramref name="question"/> (else the person's last question, if any) and what was tried.</summary>
    public async Task OfferAsync(TurnContext turn, string? question, CancellationToken cancellationToken)
    {
        var token = await cardTokens.IssueAsync(turn.Activity.From?.Id ?? "", TokenItem, cancellationToken);
        var carried = (question ?? turns.LastQuestion(turn.Activity))?.Shorten(HandoverOfferCard.MaxQuestionLength);
        logger.LogInformation("Activity {ActivityId}: offered to pass the conversation to the service desk", turn.Activity.Id);
        var card = HandoverOfferCard.Build(new HandoverOfferCard.Offer(token, carried, turns.Tried(turn.Activity)));
        await turn.SendActivityAsync(Activity.CreateMessage(null, card.ToAttachment()), cancellationToken);
    }

    /// <summary>The person's last question in this conversation (not a request for a person), if any.</summary>
    public string? LastQuestion(TurnContext turn) => turns.LastQuestion(turn.Activity);

    /// <summary>Remembers a question the bot is answering; true when it is the same problem reported again.</summary>
    public bool RememberQuestion(TurnContext turn, string text) => turns.RecordQuestion(turn.Activity, text);

    /// <summary>Remembers the article the knowledge base answered with in this turn, else <paramref name="otherwise"/> (what the bot did instead).</summary>
    public void RememberAnswer(TurnContext turn, string otherwise)
    {
        if (turn.TurnState.TryGetValue(KnowledgeAnswers.AnsweredKey, out var value) && value is KnowledgeAnswers.Answered answered)
        {
            turns.RecordArticle(turn.Activity, answered.ArticleId, answered.Title);
        }
        else
        {
            turns.RecordNoAnswer(turn.Activity, otherwise);
        }
    }

    /// <summary>Remembers "was this helpful?" feedback, and on the second "not helpful" in a row sends the offer.</summary>
    public async Task OnFeedbackAsync(TurnContext turn, JsonElement? data, CancellationToken cancellationToken)
    {
        AnswerCard.Feedback? feedback;
        try
        {
            feedback = ProtocolJson.FromElement<AnswerCard.Feedback>(data);
        }
        catch (JsonException)
        {
            return;
        }

        if (feedback is { ArticleId.Length: > 0 } && turns.RecordFeedback(turn.Activity, feedback.Helpful, feedback.ArticleId))
        {
            await OfferAsync(turn, feedback.Question, cancellationToken);
        }
    }

    /// <summary>Yes or No as Action.Execute: the card that replaces the offer.</summary>
    public Task<AdaptiveCard> ExecuteAsync(TurnContext turn, string verb, JsonElement? data, CancellationToken cancellationToken) =>
        ActAsync(turn.Activity, verb, data, cancellationToken);

    /// <summary>The same from a client without Action.Execute (its Action.Submit fallback): the answer is a new message.</summary>
    public async Task SubmitAsync(TurnContext turn, string verb, JsonElement data, CancellationToken cancellationToken)
    {
        var card = await ActAsync(turn.Activity, verb, data, cancellationToken);
        await turn.SendActivityAsync(Activity.CreateMessage(null, card.ToAttachment()), cancellationToken);
    }

    private async Task<AdaptiveCard> ActAsync(Activity activity, string verb, JsonElement? data, CancellationToken cancellationToken)
    {
        if (verb == HandoverOfferCard.NoVerb)
        {
            return HandoverReplyCard.Message(Declined);
        }

        if (activity.From?.Id is not { Length: > 0 and <= Person.MaxIdLength } requesterId)
        {
            return HandoverReplyCard.Message("I couldn't tell who pressed that, so nothing was passed on.", problem: true);
        }

        var token = CardData.String(data, "token");
        if (token is not { Length: >= 16 and <= 128 } || !await cardTokens.IsIssuedAsync(token, requesterId, TokenItem, cancellationToken))
        {
            logger.LogWarning("Refused a hand-over by {UserId}: its token is missing or was not issued to them", requesterId);
            return HandoverReplyCard.Message("This offer wasn't made for you (or is out of date), so nothing was passed on. Type **talk to a person** to get your own.", problem: true);
        }

        var question = CardData.String(data, HandoverOfferCard.QuestionInput)?.Trim() is { Length: > 0 } asked
            ? asked.Shorten(HandoverOfferCard.MaxQuestionLength)
            : null;
        var tried = Tried(data);
        try
        {
            var (ticket, attached) = await FileAsync(requesterId, question, tried, SubmissionKey.Chat(token), cancellationToken);
            if (ticket is null)
            {
                return HandoverReplyCard.Message("This offer belongs to someone else, so nothing was passed on.", problem: true);
            }

            return Reply(ticket, attached, activity.LocalTimestamp?.Offset);
        }
        catch (Exception e) when (e is ArgumentException or TicketStateException or TicketAccessException)
        {
            logger.LogWarning("A hand-over by {UserId} was refused by the ticket service: {Reason}", requesterId, e.Message);
            return HandoverReplyCard.Message($"Sorry, I couldn't pass it on: {e.Message}", problem: true);
        }
    }

    /// <summary>
    /// The incident for this offer: the one its token already filed (a double click, a re-delivered invoke), else the
    /// person's open incident about the same thing (with a comment of the question and what was tried), else a new one;
    /// then marked waiting for a chat. Null ticket: the token filed someone else's.
    /// </summary>
    private async Task<(Ticket? Ticket, bool Attached)> FileAsync(
        string requesterId, string? question, IReadOnlyList<string> tried, SubmissionKey key, CancellationToken cancellationToken)
    {
        var title = Title(question);
        var text = Description(question, tried);
        var ticket = await tickets.FindBySubmissionAsync(key, cancellationToken);
        var attached = false;
        if (ticket is null && await OpenAboutAsync(requesterId, title, question, cancellationToken) is { } open)
        {
            ticket = open;
            attached = true;
            // Once per question: a re-delivered Yes finds the comment already there.
            var journal = (await tickets.FindByNumberAsync(open.Number, cancellationToken))!.Journal;
            if (!journal.Any(e => e.Kind == JournalKind.Comment && e.Actor == requesterId && e.Text == text))
            {
                await tickets.CommentAsync(open.Number, requesterId, text, cancellationToken);
            }
        }

        ticket ??= await tickets.CreateAsync(new NewTicket(
            TicketKind.Incident, title, requesterId, TicketImpact.Medium, TicketUrgency.Medium,
            Description: text, AssignmentGroup: AssignmentGroup), key, cancellationToken);
        if (ticket.RequesterId != requesterId)
        {
            logger.LogWarning("Submission key of ticket {TicketNumber} presented by another user", ticket.Number);
            return (null, false);
        }

        ticket = await tickets.RequestChatAsync(ticket.Number, requesterId, cancellationToken);
        logger.LogInformation("Hand-over by {UserId}: {TicketNumber} ({How}) is waiting for a chat",
            requesterId, ticket.Number, attached ? "open incident" : "filed");
        return (ticket, attached);
    }

    /// <summary>The person's open incident from the last <see cref="ReuseWindow"/> with the same title or about the same words.</summary>
    private async Task<Ticket?> OpenAboutAsync(string requesterId, string title, string? question, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - ReuseWindow;
        var words = ProblemWords.Of(question ?? "");
        var open = await tickets.ListForRequesterAsync(requesterId, includeFinished: false, max: 50, cancellationToken);
        return open.FirstOrDefault(t => t.Kind == TicketKind.Incident && t.State != TicketState.Resolved && t.CreatedAt >= since &&
            (string.Equals(t.Title, title, StringComparison.OrdinalIgnoreCase) || ProblemWords.About(words, ProblemWords.Of(t.Title))));
    }

    private AdaptiveCard Reply(Ticket ticket, bool attached, TimeSpan? offset)
    {
        var now = time.GetUtcNow();
        var calendar = policy.Clock.Calendar;
        var closed = calendar.IsOpen(now) ? null : HandoverReplyCard.Closed(When(calendar.NextOpening(now), now, offset));
        var answer = ticket.FirstRespondedAt is null && ticket.FirstResponseDueAt is { } due && due > now
            ? HandoverReplyCard.AnswerBy(When(due, now, offset))
            : HandoverReplyCard.AnswerSoon;
        return HandoverReplyCard.Build(ticket, attached, answer, closed);
    }

    /// <summary>
    /// An instant as the requester reads it: in their client's offset when the activity gave one, else in UTC (saying
    /// so); the time alone when it is today there, else with the day ("Mon 8 Dec 09:00").
    /// </summary>
    public static string When(DateTimeOffset at, DateTimeOffset now, TimeSpan? offset)
    {
        var local = at.ToOffset(offset ?? TimeSpan.Zero);
        var today = now.ToOffset(offset ?? TimeSpan.Zero).Date;
        var text = local.Date == today
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
        return offset is null ? $"{text} UTC" : text;
    }

    public static string Title(string? question) =>
        question is null ? "Chat: asked for a person" : $"Chat: {OneLine(question).Shorten(MaxTitleQuestion)}";

    /// <summary>The question, then "Last turns of the chat:" and a line for each turn (asked, answered, marked).</summary>
    public static string Description(string? question, IReadOnlyList<string> tried)
    {
        var text = new StringBuilder(question ?? NoQuestion).Append("\n\nLast turns of the chat:\n");
        if (tried.Count == 0)
        {
            text.Append("- nothing in chat yet: they asked for a person\n");
        }

        foreach (var line in tried)
        {
            text.Append("- ").Append(line).Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static List<string> Tried(JsonElement? data) =>
        data is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("tried", out var tried) && tried.ValueKind == JsonValueKind.Array
            ? [.. tried.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => OneLine(e.GetString()!).Shorten(MaxTriedLine))
                .Where(l => l.Length > 0).Take(ConversationTurns.MaxTried)]
            : [];
}

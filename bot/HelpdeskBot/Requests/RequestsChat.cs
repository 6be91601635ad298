using System.Text.Json;
using HelpdeskBot.Catalog;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

/// <summary>
/// Service requests in chat: ticket commands ("my tickets", "status REQ0001001", "request"), catalog matching to an
/// intake card, and the cards' buttons: open and submit a form (the card becomes the ticket's confirmation), comment
/// on or cancel one's own ticket, approve or reject as the named approver. Each card a ticket's requester or approver
/// is shown is remembered (<see cref="TicketCards"/>) so later changes update it in place.
/// </summary>
public sealed class RequestsChat(
    ServiceCatalog catalog, CatalogMatcher matcher, IntakeValidator validator, TicketService tickets, PeopleDirectory people,
    TicketCards cards, CardTokens cardTokens, Outages.OutageChat outageChat, TimeProvider time, ILogger<RequestsChat> logger)
{
    /// <summary>
    /// The best match's score from which a message counts as a request even when the matcher is not sure which one
    /// (one field answer like "vpn" alone stays below it, so questions still go to the knowledge base).
    /// </summary>
    public const double RequestLikeScore = 4;

    public static string NotYours(string number) => $"I can't find a ticket {number} of yours.";

    public const string StatusHelp =
        "Ticket numbers look like REQ0001001 (requests) or INC0001001 (incidents): type **status REQ0001001**, or **my tickets** to see yours.";

    /// <summary>
    /// Answers the message if it is a ticket command or reads like a request. Otherwise it is left to the knowledge
    /// base: alone, or, for a problem a knowledge-first item covers, with that item's form as the next step.
    /// </summary>
    public async Task<RequestRoute> RouteAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        var match = matcher.Match(text);
        if (await TryCommandAsync(turn, text, match, cancellationToken))
        {
            return RequestRoute.Answered;
        }

        if (match.IsSure && match.Best is { } item)
        {
            if (item.KnowledgeFirst && !matcher.NamesItem(text, item))
            {
                return new RequestRoute(false, item);
            }

            // "report an incident" alone is no description of one; anything more is.
            await OpenIntakeAsync(turn, item, matcher.NamesItem(text, item) ? null : text, cancellationToken);
            return RequestRoute.Answered;
        }

        if (match.Matches.Count > 0 && match.Matches[0].Score >= RequestLikeScore)
        {
            await SendCardAsync(turn, CatalogChoiceCard.Build(match.Matches.Select(m => m.Item)), cancellationToken);
            return RequestRoute.Answered;
        }

        return RequestRoute.ToKnowledge;
    }

    /// <summary>A ticket command ("my tickets", "status REQ0001001", "my approvals", "request"): answered, or false.</summary>
    public Task<bool> TryCommandAsync(TurnContext turn, string text, CancellationToken cancellationToken) =>
        TryCommandAsync(turn, text, matcher.Match(text), cancellationToken);

    private async Task<bool> TryCommandAsync(TurnContext turn, string text, CatalogMatchResult match, CancellationToken cancellationToken)
    {
        var requesterId = turn.Activity.From?.Id;
        switch (RequestCommands.Parse(text))
        {
            case RequestCommand.Browse when !match.IsSure: // "report an incident" is sure: its intake card follows
                await SendCardAsync(turn, CatalogChoiceCard.Build(catalog.Items), cancellationToken);
                return true;
            case RequestCommand.MyTickets when requesterId is { Length: > 0 }:
                await MyTicketsAsync(turn, cancellationToken);
                return true;
            case RequestCommand.MyApprovals when requesterId is { Length: > 0 }:
                await SendApprovalsAsync(turn, requesterId, cancellationToken);
                return true;
            case RequestCommand.StatusHelp:
                await turn.SendActivityAsync(StatusHelp, cancellationToken);
                return true;
            case RequestCommand.Status status:
                var ticket = await tickets.FindByNumberAsync(status.Number, cancellationToken);
                if (ticket is null || requesterId is null || ticket.RequesterId != requesterId)
                {
                    await turn.SendActivityAsync(NotYours(status.Number), cancellationToken);
                }
                else
                {
                    var sent = await SendCardAsync(turn, TicketStatusCard.Build(ticket), cancellationToken);
                    await RememberAsync(turn.Activity, new Shown(ticket.Number, TicketCard.RequesterRole, requesterId), sent.Id, cancellationToken);
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>"my tickets": the person's latest tickets, each with its buttons, or a line saying there are none.</summary>
    public async Task MyTicketsAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.From?.Id is not { Length: > 0 } requesterId)
        {
            await turn.SendActivityAsync(MyTicketsCard.None, cancellationToken);
            return;
        }

        var mine = await tickets.ListForRequesterAsync(requesterId, includeFinished: true, MyTicketsCard.Max, cancellationToken);
        if (mine.Count == 0)
        {
            await turn.SendActivityAsync(MyTicketsCard.None, cancellationToken);
        }
        else
        {
            await SendCardAsync(turn, MyTicketsCard.Build(mine), cancellationToken);
        }
    }

    /// <summary>The item's form for a chat message: with the message in it, unless it only names the item ("report an incident").</summary>
    public Task OpenIntakeForAsync(TurnContext turn, CatalogItem item, string message, CancellationToken cancellationToken) =>
        OpenIntakeAsync(turn, item, matcher.NamesItem(message, item) ? null : message, cancellationToken);

    /// <summary>The item's intake card, as a new message, with <paramref name="message"/> in its message field.</summary>
    public Task OpenIntakeAsync(TurnContext turn, CatalogItem item, string? message, CancellationToken cancellationToken) =>
        OpenIntakeAsync(turn, item, IntakeCard.FromMessage(item, message), cancellationToken);

    /// <summary>The item's intake card, as a new message, with <paramref name="values"/> filled in for the person to check.</summary>
    public async Task OpenIntakeAsync(
        TurnContext turn, CatalogItem item, IReadOnlyDictionary<string, string>? values, CancellationToken cancellationToken)
    {
        logger.LogInformation("Activity {ActivityId} opened catalog item {CatalogItemId}", turn.Activity.Id, item.Id);
        var token = await cardTokens.IssueAsync(turn.Activity.From?.Id ?? "", item.Id, cancellationToken);
        await SendCardAsync(turn, IntakeCard.Build(item, values, today: Today(turn.Activity), token: token), cancellationToken);
    }

    public const string NoApprovals = "Nothing is waiting for your approval.";

    /// <summary>"my approvals": a fresh approval card for each request waiting for this person (a lost card is no loss).</summary>
    private async Task SendApprovalsAsync(TurnContext turn, string approverId, CancellationToken cancellationToken)
    {
        var waiting = await tickets.ListAwaitingApprovalByAsync(approverId, MyApprovalsMax, cancellationToken);
        if (waiting.Count == 0)
        {
            await turn.SendActivityAsync(NoApprovals, cancellationToken);
            return;
        }

        foreach (var ticket in waiting)
        {
            var card = ApprovalCard.Build(ticket, await NameOfAsync(ticket.RequesterId, cancellationToken), catalog.Find(ticket.CatalogItemId));
            var sent = await SendCardAsync(turn, card, cancellationToken);
            await RememberAsync(turn.Activity, new Shown(ticket.Number, TicketCard.ApproverRole, ticket.ApproverId!), sent.Id, cancellationToken);
        }
    }

    public const int MyApprovalsMax = 10;

    public static bool Handles(string? verb) => verb is CatalogChoiceCard.OpenVerb or IntakeCard.SubmitVerb
        or ApprovalCard.ApproveVerb or ApprovalCard.RejectVerb or TicketActions.CommentVerb or TicketActions.CancelVerb
        or TicketActions.RateVerb or TicketActions.ReopenVerb;

    /// <summary>A button pressed as Action.Execute: the card returned replaces the pressed one (the invoke's replyToId).</summary>
    public async Task<AdaptiveCard> ExecuteAsync(TurnContext turn, string verb, JsonElement? data, CancellationToken cancellationToken)
    {
        var (card, shown) = await ActAsync(turn.Activity, verb, data, cancellationToken);
        await RememberAsync(turn.Activity, shown, turn.Activity.ReplyToId, cancellationToken);
        return card;
    }

    /// <summary>The same button from a client without Action.Execute (its Action.Submit fallback): the answer is a new message.</summary>
    public async Task SubmitAsync(TurnContext turn, string verb, JsonElement data, CancellationToken cancellationToken)
    {
        var (card, shown) = await ActAsync(turn.Activity, verb, data, cancellationToken);
        var sent = await SendCardAsync(turn, card, cancellationToken);
        await RememberAsync(turn.Activity, shown, sent.Id, cancellationToken);
    }

    /// <summary>Whose card for which ticket an answer is, so it can be found and updated later.</summary>
    private sealed record Shown(string TicketNumber, string Role, string UserId);

    private async Task<(AdaptiveCard Card, Shown? Shown)> ActAsync(
        Activity activity, string verb, JsonElement? data, CancellationToken cancellationToken)
    {
        var today = Today(activity);
        if (verb == CatalogChoiceCard.OpenVerb)
        {
            return (await OpenAsync(activity.From?.Id ?? "", data, today, cancellationToken), null);
        }

        if (activity.From?.Id is not { Length: > 0 and <= Person.MaxIdLength } userId)
        {
            return (RequestErrorCard.Build("I couldn't tell who pressed that, so nothing was done."), null);
        }

        return verb switch
        {
            IntakeCard.SubmitVerb => await SubmitIntakeAsync(userId, data, today, cancellationToken),
            ApprovalCard.ApproveVerb => await DecideAsync(userId, data, approved: true, cancellationToken),
            ApprovalCard.RejectVerb => await DecideAsync(userId, data, approved: false, cancellationToken),
            TicketActions.CommentVerb => await CommentAsync(userId, data, cancellationToken),
            TicketActions.CancelVerb => await CancelAsync(userId, data, cancellationToken),
            TicketActions.RateVerb => await RateAsync(userId, data, cancellationToken),
            TicketActions.ReopenVerb => await ReopenAsync(userId, data, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, "Not a requests verb."),
        };
    }

    /// <summary>The requester's date: their client's local time when it says (Teams does), else the UTC date.</summary>
    private DateOnly Today(Activity activity) =>
        DateOnly.FromDateTime((activity.LocalTimestamp ?? time.GetUtcNow()).DateTime);

    /// <summary>"catalog.open": the item's intake card, or an error card for an item the catalog does not have.</summary>
    private async Task<AdaptiveCard> OpenAsync(string userId, JsonElement? data, DateOnly today, CancellationToken cancellationToken)
    {
        var itemId = CardData.String(data, "item");
        return catalog.Find(itemId) is { } item
            ? IntakeCard.Build(item, IntakeCard.FromMessage(item, CardData.String(data, "message")), today: today,
                token: await cardTokens.IssueAsync(userId, item.Id, cancellationToken))
            : RequestErrorCard.Build("That catalog item doesn't exist (any more). Type **request** to see what you can ask for.");
    }

    /// <summary>
    /// "catalog.submit": the card again with errors and what was typed, or the ticket's confirmation. The card's token
    /// is the submission key, so a double click or a re-delivered activity gives the same ticket; it must be one the bot
    /// issued for this person and item (<see cref="CardTokens"/>), so no client picks its own key.
    /// </summary>
    private async Task<(AdaptiveCard, Shown?)> SubmitIntakeAsync(
        string requesterId, JsonElement? data, DateOnly today, CancellationToken cancellationToken)
    {
        var token = CardData.String(data, "token");
        var itemId = CardData.String(data, "item");
        if (token is not { Length: >= 16 and <= 128 } || catalog.Find(itemId) is null)
        {
            logger.LogWarning("Refused an intake submit with item {CatalogItemId} and a missing or malformed token", itemId);
            return (RequestErrorCard.Build("This form is incomplete or out of date, so no ticket was created. Type **request** to start again."), null);
        }

        if (!await cardTokens.IsIssuedAsync(token, requesterId, itemId!, cancellationToken))
        {
            logger.LogWarning("Refused an intake submit for {CatalogItemId} by {UserId}: its token was not issued to them for that item", itemId, requesterId);
            return (RequestErrorCard.Build("This form wasn't made for you (or is out of date), so no ticket was created. Type **request** to get your own."), null);
        }

        var result = validator.Validate(itemId, data ?? default, today);
        if (!result.IsValid)
        {
            return (IntakeCard.Build(result.Item!, result.Submitted, result.Errors, today, token), null);
        }

        // A problem on a service with an active outage: the outage first, the form's data kept on "This is something else".
        if (result.Values.TryGetValue("service", out var service) && data is { ValueKind: JsonValueKind.Object } submitted
            && !submitted.TryGetProperty(Outages.OutageChat.SeenOutageKey, out _)
            && await outageChat.DeflectFormAsync(service, submitted, cancellationToken) is { } deflection)
        {
            return (deflection, null);
        }

        // Never refused for approval reasons: with nobody to name it is filed pending, stuck, for the service desk.
        var approval = result.Approval ?? CatalogApproval.None;
        var (approverId, nobody) = await ApproverAsync(approval, requesterId, cancellationToken);

        var item = result.Item!;
        var input = new NewTicket(
            item.Kind == CatalogItem.Incident ? TicketKind.Incident : TicketKind.Request,
            item.TitleFor(result.Values),
            requesterId,
            Enum.TryParse<TicketImpact>(result.Impact, ignoreCase: true, out var impact) ? impact : TicketImpact.Medium,
            Enum.TryParse<TicketUrgency>(result.Urgency, ignoreCase: true, out var urgency) ? urgency : TicketUrgency.Medium,
            Description: item.DescriptionFor(result.Values),
            CatalogItemId: item.Id,
            Fields: JsonSerializer.Serialize(result.Values),
            AssignmentGroup: item.FulfilmentGroup.Length > 0 ? item.FulfilmentGroup : null,
            ApproverId: approverId,
            NeedsApproval: approval.IsRequired,
            NoApproverReason: nobody);
        Ticket ticket;
        try
        {
            ticket = await tickets.CreateAsync(input, SubmissionKey.Chat(token), cancellationToken);
        }
        catch (ArgumentException e)
        {
            logger.LogWarning("Intake for {CatalogItemId} refused by the ticket service: {Reason}", item.Id, e.Message);
            return (IntakeCard.Build(item, result.Submitted, new Dictionary<string, string> { [IntakeResult.FormError] = e.Message }, today, token), null);
        }

        // A token is only in the card its requester was sent; someone else presenting it gets nothing of theirs.
        if (ticket.RequesterId != requesterId)
        {
            logger.LogWarning("Submission key of ticket {TicketNumber} presented by another user", ticket.Number);
            return (RequestErrorCard.Build("This form belongs to someone else's request, so no ticket was created."), null);
        }

        return (TicketConfirmationCard.Build(ticket), new Shown(ticket.Number, TicketCard.RequesterRole, requesterId));
    }

    /// <summary>
    /// Approve / Reject on the approval card. The clicker must be the ticket's named approver: the card's data names
    /// only the ticket, so a forwarded card or forged data decides nothing.
    /// </summary>
    private async Task<(AdaptiveCard, Shown?)> DecideAsync(string userId, JsonElement? data, bool approved, CancellationToken cancellationToken)
    {
        var number = CardData.String(data, "ticket");
        var ticket = number is { Length: > 0 and <= 16 } ? await tickets.FindByNumberAsync(number, cancellationToken) : null;
        if (ticket is null || !await tickets.IsNamedApproverAsync(ticket, userId, cancellationToken))
        {
            logger.LogWarning("User {UserId} tried to decide the approval of {TicketNumber}, which is not theirs to decide", userId, number);
            return (RequestErrorCard.Build("Only the approver named on this request can approve or reject it, so nothing was changed."), null);
        }

        var requesterName = await NameOfAsync(ticket.RequesterId, cancellationToken);
        var item = catalog.Find(ticket.CatalogItemId);
        var reason = CardData.String(data, ApprovalCard.ReasonInput)?.Trim();
        var shown = new Shown(ticket.Number, TicketCard.ApproverRole, ticket.ApproverId!);
        try
        {
            ticket = await tickets.DecideApprovalAsync(ticket.Number, userId, approved, reason is { Length: > 0 } ? reason : null, cancellationToken);
            logger.LogInformation("Ticket {TicketNumber} {Decision} by its approver", ticket.Number, approved ? "approved" : "rejected");
        }
        catch (TicketStateException)
        {
            // decided already (a double click, another device) or cancelled meanwhile: show how it stands
            ticket = (await tickets.FindByNumberAsync(ticket.Number, cancellationToken))!;
        }
        catch (ArgumentException e)
        {
            return (ApprovalCard.Build(ticket, requesterName, item, e.Message), shown);
        }

        return (ApprovalCard.Decided(ticket, requesterName, item), shown);
    }

    private Task<(AdaptiveCard, Shown?)> CommentAsync(string userId, JsonElement? data, CancellationToken cancellationToken) =>
        OnOwnTicketAsync(userId, data, ticket => tickets.CommentAsync(
            ticket.Number, userId, CardData.String(data, TicketActions.CommentInput)?.Trim() ?? "", cancellationToken), _ => "Your comment was added.", cancellationToken);

    private Task<(AdaptiveCard, Shown?)> CancelAsync(string userId, JsonElement? data, CancellationToken cancellationToken) =>
        OnOwnTicketAsync(userId, data, ticket => tickets.CancelByRequesterAsync(
            ticket.Number, userId, Optional(data, TicketActions.ReasonInput), cancellationToken), t => $"{t.Number} is cancelled.", cancellationToken);

    private Task<(AdaptiveCard, Shown?)> RateAsync(string userId, JsonElement? data, CancellationToken cancellationToken) =>
        OnOwnTicketAsync(userId, data, ticket => int.TryParse(CardData.String(data, TicketActions.ScoreInput), out var score)
            ? tickets.RateAsync(ticket.Number, userId, score, Optional(data, TicketActions.RatingCommentInput), cancellationToken)
            : throw new ArgumentException("Pick a rating from 1 to 5."), t => $"Thanks for rating {t.Number}.", cancellationToken);

    private Task<(AdaptiveCard, Shown?)> ReopenAsync(string userId, JsonElement? data, CancellationToken cancellationToken) =>
        OnOwnTicketAsync(userId, data, ticket => tickets.ReopenByRequesterAsync(
            ticket.Number, userId, Optional(data, TicketActions.StillBrokenInput), cancellationToken), t => $"{t.Number} is reopened; the help desk will pick it up again.", cancellationToken);

    /// <summary>
    /// A requester's button on their own ticket: the change, then their card again with a notice, or with the reason it
    /// was refused (a closed ticket, a reopen window that has passed). Anyone else's ticket is "not yours".
    /// </summary>
    private async Task<(AdaptiveCard, Shown?)> OnOwnTicketAsync(
        string userId, JsonElement? data, Func<Ticket, Task<Ticket>> change, Func<Ticket, string> notice, CancellationToken cancellationToken)
    {
        if (await OwnTicketAsync(userId, data, cancellationToken) is not { } ticket)
        {
            return (RequestErrorCard.Build(NotYours(CardData.String(data, "ticket") ?? "")), null);
        }

        var shown = new Shown(ticket.Number, TicketCard.RequesterRole, userId);
        try
        {
            await change(ticket);
        }
        catch (Exception e) when (e is ArgumentException or TicketStateException)
        {
            return (TicketStatusCard.Build(ticket, error: e.Message), shown);
        }

        var updated = (await tickets.FindByNumberAsync(ticket.Number, cancellationToken))!;
        return (TicketStatusCard.Build(updated, notice: notice(updated)), shown);
    }

    private static string? Optional(JsonElement? data, string input) => CardData.String(data, input)?.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>The ticket the card's data names, if the user raised it; anything else (a changed number) is nobody's.</summary>
    private async Task<Ticket?> OwnTicketAsync(string userId, JsonElement? data, CancellationToken cancellationToken)
    {
        var number = CardData.String(data, "ticket");
        var ticket = number is { Length: > 0 and <= 16 } ? await tickets.FindByNumberAsync(number, cancellationToken) : null;
        if (ticket is not null && ticket.RequesterId != userId)
        {
            logger.LogWarning("User {UserId} pressed a button of ticket {TicketNumber}, which is someone else's", userId, ticket.Number);
            return null;
        }

        return ticket;
    }

    private Task<string> NameOfAsync(string userId, CancellationToken cancellationToken) =>
        people.NameOfAsync(userId, "Someone", cancellationToken);

    private async Task RememberAsync(Activity activity, Shown? shown, string? cardActivityId, CancellationToken cancellationToken)
    {
        if (shown is not null && cardActivityId is { Length: > 0 } && activity.Conversation?.Id is { } conversationId)
        {
            await cards.RememberAsync(shown.TicketNumber, shown.Role, shown.UserId, activity.ChannelId ?? "", conversationId,
                cardActivityId, cancellationToken);
        }
    }

    /// <summary>
    /// Who approves: the requester's manager or the group's first approver, by Teams id, or by email for someone the bot
    /// has not seen in chat yet (their card goes out once it can); else nobody, with why, for the service desk.
    /// </summary>
    private async Task<(string? ApproverId, string? Nobody)> ApproverAsync(CatalogApproval approval, string requesterId, CancellationToken cancellationToken)
    {
        switch (approval.Type)
        {
            case CatalogApproval.ManagerType:
                if (await people.FindByTeamsIdAsync(requesterId, cancellationToken) is not { } person)
                {
                    return (null, "It needs the requester's manager's approval, but the requester is not in the people directory.");
                }

                var lookup = await people.ManagerOfAsync(person, cancellationToken);
                return lookup.Manager is { } manager ? (manager.TeamsId ?? manager.Email, null) : (null, lookup.Problem);
            case CatalogApproval.GroupType:
                var first = approval.Approvers.FirstOrDefault();
                if (first is null)
                {
                    return (null, $"It needs approval by {approval.Group}, but the catalog names no approver.");
                }

                if (!Ticket.IsEmail(first))
                {
                    return (first, null); // a Teams id
                }

                return (await people.FindByEmailAsync(first, cancellationToken) is { TeamsId: { } teamsId } ? teamsId : PersonEmail.Normalize(first), null);
            default:
                return (null, null);
        }
    }


    private static Task<ResourceResponse> SendCardAsync(TurnContext turn, AdaptiveCard card, CancellationToken cancellationToken) =>
        turn.SendActivityAsync(Activity.CreateMessage(null, card.ToAttachment()), cancellationToken);
}

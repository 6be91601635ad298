using HelpdeskBot.Catalog;
using HelpdeskBot.Conversations;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

/// <summary>
/// What one ticket change means for the people in chat: a new request awaiting approval, or a new approver, sends the
/// approver an <see cref="ApprovalCard"/> in a 1:1 chat (or journals the approval stuck when it cannot, and the
/// requester hears it waits); a decision, a state change or a comment by someone else tells the
/// requester, updating their card for the ticket in place (and saying so in a line, since an edited card does not
/// notify), or sending a new card when there is none to update. Nobody is told of what they did themselves.
/// </summary>
public sealed class TicketNotifications(
    TicketService tickets, TicketCards cards, PeopleDirectory people, ServiceCatalog catalog, ProactiveMessenger messenger,
    ILogger<TicketNotifications> logger)
{
    public async Task HandleAsync(TicketChange change, CancellationToken cancellationToken)
    {
        if (change.Kind is JournalKind.Chat or JournalKind.Handoff)
        {
            return; // a live chat's own messages tell both sides already
        }

        if (await tickets.FindByNumberAsync(change.TicketNumber, cancellationToken) is not { } ticket)
        {
            return;
        }

        switch (change.Kind)
        {
            case JournalKind.Created when ticket.Approval == ApprovalState.Pending && ticket.ApproverId is not null:
                await AskApproverAsync(ticket, cancellationToken);
                break;
            case JournalKind.ApprovalStuck when change.To is { } stuckOn && IsStillPendingWith(ticket, stuckOn):
                // Stuck with nobody named: the requester's confirmation card already says the service desk names one.
                await NotifyRequesterAsync(ticket, ApproverUnreachable(ticket, await ApproverNameAsync(stuckOn, cancellationToken)), cancellationToken);
                break;
            case JournalKind.ApproverChanged when change.To is { } named && IsStillPendingWith(ticket, named):
                await ApproverChangedAsync(ticket, change, named, cancellationToken);
                break;
            case JournalKind.Approval:
                if (!await tickets.IsNamedApproverAsync(ticket, change.Actor, cancellationToken))
                {
                    await UpdateApproverCardAsync(ticket, cancellationToken); // decided elsewhere (the API)
                }

                var approver = await NameOfAsync(change.Actor, cancellationToken);
                await TellRequesterAsync(ticket, change, change.To == nameof(ApprovalState.Approved)
                    ? $"{ticket.Number} ({ticket.Title}) was approved by {approver}; work can start."
                    : $"{ticket.Number} ({ticket.Title}) was rejected by {approver}: {ticket.ApprovalReason}", cancellationToken);
                break;
            case JournalKind.StateChanged:
                if (change.To == nameof(TicketState.Cancelled) && ticket.Approval == ApprovalState.Pending)
                {
                    await UpdateApproverCardAsync(ticket, cancellationToken); // nothing left to approve
                }

                if (ticket.Approval == ApprovalState.Rejected && await tickets.IsNamedApproverAsync(ticket, change.Actor, cancellationToken))
                {
                    break; // the rejection itself was the news
                }

                var note = change.Text is { Length: > 0 } text ? $" ({text})" : "";
                await TellRequesterAsync(ticket, change,
                    $"{ticket.Number} ({ticket.Title}) is now {TicketText.State(ticket.State)}{note}.", cancellationToken);
                break;
            case JournalKind.Comment:
                var who = await NameOfAsync(change.Actor, cancellationToken);
                await TellRequesterAsync(ticket, change, $"{who} commented on {ticket.Number}: {change.Text}", cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Someone just became reachable (first seen in chat, or the app installed for them): each pending approval named
    /// to them (by Teams id, or by their email) whose card never reached them goes out now, and its requester hears
    /// that nothing more is needed from them.
    /// </summary>
    public async Task DeliverWaitingApprovalsAsync(string teamsId, CancellationToken cancellationToken)
    {
        foreach (var ticket in await tickets.ListAwaitingApprovalByAsync(teamsId, WaitingApprovalsMax, cancellationToken))
        {
            if (await cards.FindAsync(ticket.Number, TicketCard.ApproverRole, ticket.ApproverId!, cancellationToken) is not null)
            {
                continue; // they have it (sent, or shown by "my approvals")
            }

            if (await AskApproverAsync(ticket, cancellationToken))
            {
                logger.LogInformation("Waiting approval card for {TicketNumber} delivered to {TeamsId} once they could be reached", ticket.Number, teamsId);
                await NotifyRequesterAsync(ticket, ApproverReached(ticket, await ApproverNameAsync(ticket.ApproverId!, cancellationToken)), cancellationToken);
            }
        }
    }

    public const int WaitingApprovalsMax = 50;

    private static bool IsStillPendingWith(Ticket ticket, string approverId) =>
        ticket.Approval == ApprovalState.Pending && !TicketTransitions.IsFinal(ticket.State) && ticket.ApproverId == approverId;

    /// <summary>
    /// Sends the approver their card in a 1:1 chat and remembers where it is; when it cannot go (nobody named, no Teams
    /// id yet, no chat takes it) the approval is journalled stuck (once per approver). True when the card went out.
    /// </summary>
    private async Task<bool> AskApproverAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var (user, problem) = await ApproverAccountAsync(ticket.ApproverId, cancellationToken);
        if (user is null)
        {
            logger.LogInformation("Approval card for {TicketNumber} not sent: {Reason}", ticket.Number, problem);
            await StuckAsync(ticket, problem!, cancellationToken);
            return false;
        }

        var requesterName = await people.NameOfAsync(ticket.RequesterId, "Someone", cancellationToken);
        var card = ApprovalCard.Build(ticket, requesterName, catalog.Find(ticket.CatalogItemId));
        SentMessage sent;
        try
        {
            sent = await messenger.SendToUserAsync(user, Activity.CreateMessage(null, card.ToAttachment()), ticket.RequesterId, cancellationToken);
        }
        catch (RecipientUnreachableException e)
        {
            logger.LogWarning("Approval card for {TicketNumber} could not reach {ApproverId}: {Reason}", ticket.Number, user.Id, e.Reason);
            await StuckAsync(ticket, $"The approval card could not reach {user.Name ?? user.Id}: {e.Reason}", cancellationToken);
            return false;
        }

        await cards.RememberAsync(ticket.Number, TicketCard.ApproverRole, ticket.ApproverId!, sent.ChannelId, sent.ConversationId, sent.ActivityId, cancellationToken);
        logger.LogInformation("Approval card for {TicketNumber} sent to {ApproverId}", ticket.Number, user.Id);
        return true;
    }

    /// <summary>Who to send the approval card to, or why there is nobody to send it to.</summary>
    private async Task<(ChannelAccount? User, string? Problem)> ApproverAccountAsync(string? approverId, CancellationToken cancellationToken)
    {
        if (approverId is null)
        {
            return (null, "Nobody is named to approve it.");
        }

        if (!Ticket.IsEmail(approverId))
        {
            var known = await people.FindByTeamsIdAsync(approverId, cancellationToken);
            return (new ChannelAccount(approverId, known?.Name) { AadObjectId = known?.AadObjectId }, null);
        }

        return await people.FindByEmailAsync(approverId, cancellationToken) switch
        {
            null => (null, $"The approver {approverId} is not in the people directory, so the approval card cannot be sent."),
            { TeamsId: null } person => (null, $"The approver {person.Name} ({approverId}) has not talked to the bot yet, so the approval card waits until they do."),
            var person => (new ChannelAccount(person.TeamsId, person.Name) { AadObjectId = person.AadObjectId }, null),
        };
    }

    private async Task StuckAsync(Ticket ticket, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await tickets.MarkApprovalStuckAsync(ticket.Number, reason, cancellationToken);
        }
        catch (TicketStateException)
        {
            // decided or cancelled meanwhile: nothing is stuck any more
        }
    }

    /// <summary>A new approver: the old one's card says it is no longer theirs, the requester hears who approves now, the new one gets the card.</summary>
    private async Task ApproverChangedAsync(Ticket ticket, TicketChange change, string named, CancellationToken cancellationToken)
    {
        var name = await ApproverNameAsync(named, cancellationToken);
        if (change.From is { } previous)
        {
            await RetireApproverCardAsync(ticket, previous, name, cancellationToken);
        }

        await TellRequesterAsync(ticket, change, $"{name} approves {ticket.Number} ({ticket.Title}) now.", cancellationToken);
        await AskApproverAsync(ticket, cancellationToken);
    }

    private async Task RetireApproverCardAsync(Ticket ticket, string previousApproverId, string newApproverName, CancellationToken cancellationToken)
    {
        if (await cards.FindAsync(ticket.Number, TicketCard.ApproverRole, previousApproverId, cancellationToken) is not { } card)
        {
            return;
        }

        var retired = ApprovalCard.Reassigned(ticket, await people.NameOfAsync(ticket.RequesterId, "Someone", cancellationToken),
            catalog.Find(ticket.CatalogItemId), newApproverName);
        try
        {
            await messenger.UpdateAsync(card.ChannelId, card.ConversationId, card.ActivityId, Activity.CreateMessage(null, retired.ToAttachment()), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("The previous approver's card for {TicketNumber} could not be updated: {Reason}", ticket.Number, ex.Message);
        }
    }

    /// <summary>The approver's name from the directory (by Teams id or email), else the id itself.</summary>
    private async Task<string> ApproverNameAsync(string approverId, CancellationToken cancellationToken) =>
        Ticket.IsEmail(approverId)
            ? (await people.FindByEmailAsync(approverId, cancellationToken))?.Name is { Length: > 0 } name ? name : approverId
            : await people.NameOfAsync(approverId, approverId, cancellationToken);

    private async Task UpdateApproverCardAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        if (ticket.ApproverId is null
            || await cards.FindAsync(ticket.Number, TicketCard.ApproverRole, ticket.ApproverId, cancellationToken) is not { } card)
        {
            return;
        }

        var decided = ApprovalCard.Decided(ticket, await people.NameOfAsync(ticket.RequesterId, "Someone", cancellationToken), catalog.Find(ticket.CatalogItemId));
        await messenger.UpdateAsync(card.ChannelId, card.ConversationId, card.ActivityId,
            Activity.CreateMessage(null, decided.ToAttachment()), cancellationToken);
    }

    public static string ApproverUnreachable(Ticket ticket, string approverName) =>
        $"I couldn't reach {approverName}, who approves {ticket.Number} ({ticket.Title}), so it waits for their approval " +
        "(the service desk knows, and may name another approver). They can type **my approvals** in a chat with me to decide; " +
        "I'll send it to them myself as soon as they do.";

    public static string ApproverReached(Ticket ticket, string approverName) =>
        $"{approverName} has the approval request for {ticket.Number} ({ticket.Title}) now; nothing more is needed from you.";

    private async Task TellRequesterAsync(Ticket ticket, TicketChange change, string text, CancellationToken cancellationToken)
    {
        if (change.Actor == ticket.RequesterId)
        {
            return; // they did it, and their card already shows it
        }

        await NotifyRequesterAsync(ticket, text, cancellationToken);
    }

    private async Task NotifyRequesterAsync(Ticket ticket, string text, CancellationToken cancellationToken)
    {
        var status = TicketStatusCard.Build(ticket);
        if (await cards.FindAsync(ticket.Number, TicketCard.RequesterRole, ticket.RequesterId, cancellationToken) is { } card)
        {
            try
            {
                await messenger.UpdateAsync(card.ChannelId, card.ConversationId, card.ActivityId,
                    Activity.CreateMessage(null, status.ToAttachment()), cancellationToken);
                await messenger.SendToConversationAsync(card.ChannelId, card.ConversationId, Activity.CreateMessage(text), cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Updating the card of {TicketNumber} in place failed ({Reason}); sending a new one", ticket.Number, ex.Message);
            }
        }

        var requester = await people.FindByTeamsIdAsync(ticket.RequesterId, cancellationToken);
        try
        {
            var sent = await messenger.SendToUserAsync(new ChannelAccount(ticket.RequesterId, requester?.Name),
                Activity.CreateMessage(text, status.ToAttachment()), null, cancellationToken);
            await cards.RememberAsync(ticket.Number, TicketCard.RequesterRole, ticket.RequesterId, sent.ChannelId, sent.ConversationId,
                sent.ActivityId, cancellationToken);
        }
        catch (RecipientUnreachableException e)
        {
            logger.LogWarning("The requester of {TicketNumber} could not be told of a change: {Reason}", ticket.Number, e.Reason);
        }
    }

    // "system" and "api:..." actors are no one in the directory: they read as the service desk too.
    private Task<string> NameOfAsync(string actor, CancellationToken cancellationToken) =>
        people.NameOfAsync(actor, "the service desk", cancellationToken);
}

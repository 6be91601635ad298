using HelpdeskBot.Catalog;
using HelpdeskBot.Conversations;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

/// <summary>
/// What one ticket change means for the people in chat: a new request awaiting approval sends the approver an
/// <see cref="ApprovalCard"/> in a 1:1 chat; a decision, a state change or a comment by someone else tells the
/// requester, updating their card for the ticket in place (and saying so in a line, since an edited card does not
/// notify), or sending a new card when there is none to update. Nobody is told of what they did themselves.
/// </summary>
public sealed class TicketNotifications(
    TicketService tickets, TicketCards cards, PeopleDirectory people, ServiceCatalog catalog, ProactiveMessenger messenger,
    ILogger<TicketNotifications> logger)
{
    public async Task HandleAsync(TicketChange change, CancellationToken cancellationToken)
    {
        if (await tickets.FindByNumberAsync(change.TicketNumber, cancellationToken) is not { } ticket)
        {
            return;
        }

        switch (change.Kind)
        {
            case JournalKind.Created when ticket.Approval == ApprovalState.Pending && ticket.ApproverId is not null:
                await AskApproverAsync(ticket, cancellationToken);
                break;
            case JournalKind.Approval:
                if (change.Actor != ticket.ApproverId)
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

                if (change.Actor == ticket.ApproverId && ticket.Approval == ApprovalState.Rejected)
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

    private async Task AskApproverAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var approverId = ticket.ApproverId!;
        var approver = await people.FindByTeamsIdAsync(approverId, cancellationToken);
        var requesterName = await people.NameOfAsync(ticket.RequesterId, "Someone", cancellationToken);
        var card = ApprovalCard.Build(ticket, requesterName, catalog.Find(ticket.CatalogItemId));
        var user = new ChannelAccount(approverId, approver?.Name) { AadObjectId = approver?.AadObjectId };
        SentMessage sent;
        try
        {
            sent = await messenger.SendToUserAsync(user, Activity.CreateMessage(null, card.ToAttachment()), ticket.RequesterId, cancellationToken);
        }
        catch (RecipientUnreachableException e)
        {
            logger.LogWarning("Approval card for {TicketNumber} could not reach {ApproverId}: {Reason}", ticket.Number, approverId, e.Reason);
            await NotifyRequesterAsync(ticket, ApproverUnreachable(ticket, approver?.Name ?? "your approver"), cancellationToken);
            return;
        }

        await cards.RememberAsync(ticket.Number, TicketCard.ApproverRole, approverId, sent.ChannelId, sent.ConversationId, sent.ActivityId, cancellationToken);
        logger.LogInformation("Approval card for {TicketNumber} sent to {ApproverId}", ticket.Number, approverId);
    }

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
        $"I couldn't reach {approverName}, who approves {ticket.Number} ({ticket.Title}), so it waits for their approval. " +
        "They can type **my approvals** in a chat with me to decide, or contact the service desk.";

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

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
        var sent = await messenger.SendToUserAsync(user, Activity.CreateMessage(null, card.ToAttachment()), ticket.RequesterId, cancellationToken);
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

    private async Task TellRequesterAsync(Ticket ticket, TicketChange change, string text, CancellationToken cancellationToken)
    {
        if (change.Actor == ticket.RequesterId)
        {
            return; // they did it, and their card already shows it
        }

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
                logger.LogWarning(ex, "Updating the card of {TicketNumber} in place failed; sending a new one", ticket.Number);
            }
        }

        var requester = await people.FindByTeamsIdAsync(ticket.RequesterId, cancellationToken);
        var sent = await messenger.SendToUserAsync(new ChannelAccount(ticket.RequesterId, requester?.Name),
            Activity.CreateMessage(text, status.ToAttachment()), null, cancellationToken);
        await cards.RememberAsync(ticket.Number, TicketCard.RequesterRole, ticket.RequesterId, sent.ChannelId, sent.ConversationId,
            sent.ActivityId, cancellationToken);
    }

    // "system" and "api:..." actors are no one in the directory: they read as the service desk too.
    private Task<string> NameOfAsync(string actor, CancellationToken cancellationToken) =>
        people.NameOfAsync(actor, "the service desk", cancellationToken);
}

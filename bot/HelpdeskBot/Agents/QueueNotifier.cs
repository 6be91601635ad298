using HelpdeskBot.Conversations;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Agents;

/// <summary>
/// What ticket changes mean for the queues: a new incident, a request that needs no approval or has just been
/// approved, and an approval that is stuck are saved for their group's queue (<see cref="QueuePoster"/> posts them);
/// any later change replaces the card in place; SLA warnings and breaches also go to the assignee (1:1) and into
/// the ticket's thread. Called off the request path by the ticket outbox and the SLA monitor, each change once.
/// </summary>
public sealed class QueueNotifier(IServiceScopeFactory scopes, QueuePoster poster, TimeProvider time, ILogger<QueueNotifier> logger) : ITicketEvents
{
    public async Task TicketChangedAsync(TicketChange change, CancellationToken cancellationToken)
    {
        if (change.Kind == JournalKind.Chat)
        {
            return; // the transcript: the thread has the message already, the card does not change
        }

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var ticket = await services.GetRequiredService<TicketService>().FindByNumberAsync(change.TicketNumber, cancellationToken);
        if (ticket is null)
        {
            return;
        }

        var goesToQueue = change.Kind switch
        {
            JournalKind.Created => ticket.Kind == TicketKind.Incident || ticket.Approval == ApprovalState.NotRequired,
            JournalKind.Approval => ticket.Approval == ApprovalState.Approved,
            JournalKind.ApprovalStuck => true,
            _ => false,
        };
        if (change.Kind == JournalKind.Handoff && change.To == nameof(HandoffState.Waiting))
        {
            await services.GetRequiredService<Handoffs>().RequestedAsync(ticket, cancellationToken);
        }

        if (goesToQueue && !TicketTransitions.IsFinal(ticket.State) && await EnqueueAsync(services.GetRequiredService<HelpdeskDbContext>(), ticket, cancellationToken))
        {
            return;
        }

        await services.GetRequiredService<QueueCards>().UpdateAsync(ticket.Number, cancellationToken);
    }

    public Task SlaWarningAsync(SlaAlert alert, CancellationToken cancellationToken) => PingAsync(alert, cancellationToken);

    public Task SlaBreachedAsync(SlaAlert alert, CancellationToken cancellationToken) => PingAsync(alert, cancellationToken);

    /// <summary>Saves the ticket's queue card to be posted; false when it has one (posted or waiting) already.</summary>
    private async Task<bool> EnqueueAsync(HelpdeskDbContext db, Ticket ticket, CancellationToken cancellationToken)
    {
        if (await db.Set<QueueThread>().AnyAsync(t => t.TicketNumber == ticket.Number, cancellationToken))
        {
            return false;
        }

        db.Add(QueueThread.Waiting(ticket.Number, QueueDirectory.GroupOf(ticket.AssignmentGroup), time.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false; // saved at the same moment by another instance
        }

        poster.Wake();
        return true;
    }

    // The card turns amber or red, the thread hears it, and so does the assignee: each alert is raised once.
    private async Task PingAsync(SlaAlert alert, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var cards = services.GetRequiredService<QueueCards>();
        await cards.UpdateAsync(alert.TicketNumber, cancellationToken);
        var what = alert.Target == SlaTarget.FirstResponse ? "first response" : "resolution";
        var text = alert.Level == SlaLevel.Breached
            ? $"⚠ {alert.TicketNumber}: the {what} target was BREACHED (due {TicketText(alert.DueAt)})."
            : $"{alert.TicketNumber}: the {what} is due soon ({TicketText(alert.DueAt)}).";
        await cards.ReplyAsync(alert.TicketNumber, Activity.CreateMessage(text), cancellationToken);
        if (alert.AssigneeId is { Length: > 0 } assignee)
        {
            var name = await services.GetRequiredService<PeopleDirectory>().NameOfAsync(assignee, "", cancellationToken);
            try
            {
                await services.GetRequiredService<ProactiveMessenger>().SendToUserAsync(
                    new ChannelAccount(assignee, name), Activity.CreateMessage(text), alert.RequesterId, cancellationToken);
            }
            catch (RecipientUnreachableException e)
            {
                logger.LogWarning("The SLA alert of {TicketNumber} could not reach its assignee {AssigneeId}: {Reason}", alert.TicketNumber, assignee, e.Reason);
            }
        }
    }

    private static string TicketText(DateTimeOffset? due) => due is { } at ? Requests.TicketText.Time(at) : "now";
}

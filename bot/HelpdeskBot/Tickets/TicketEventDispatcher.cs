using HelpdeskBot.Background;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Tickets;

/// <summary>
/// Publishes saved ticket changes (<see cref="PendingTicketEvent"/>) to every <see cref="ITicketEvents"/> subscriber,
/// oldest first, off the request path: woken by <see cref="Wake"/> after each save, and every <see cref="PollInterval"/>
/// for changes saved by another instance or left over from before a restart. A subscriber's failure is logged and
/// does not stop the others; each change is published once (again only if the app stopped while publishing it:
/// a stop gives the change back at once, a crash leaves it leased for <see cref="Lease"/>).
/// The <see cref="TicketChange.State"/> published is the ticket's state when it is published.
/// </summary>
public sealed class TicketEventDispatcher(
    IServiceScopeFactory scopes, IEnumerable<ITicketEvents> subscribers, TimeProvider time, ILogger<TicketEventDispatcher> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    /// <summary>How long an instance may take to publish one change before another may take it up.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private const int BatchSize = 100;

    private readonly WakeSignal _wake = new();

    /// <summary>Changes were saved: publish them now rather than at the next poll.</summary>
    public void Wake() => _wake.Wake();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PublishPendingAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Publishing ticket changes failed; trying again at the next change or in {PollInterval}", PollInterval);
            }

            await _wake.WaitAsync(PollInterval, time, stoppingToken);
        }
    }

    /// <summary>Publishes up to a batch of pending changes; returns how many it found.</summary>
    private async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
        var now = time.GetUtcNow();
        var pending = await db.Set<PendingTicketEvent>().AsNoTracking()
            .Where(p => p.LeaseUntil == null || p.LeaseUntil < now)
            .OrderBy(p => p.Id)
            .Take(BatchSize)
            .Select(p => new
            {
                p.Id,
                Entry = p.JournalEntry,
                Ticket = db.Set<Ticket>().Where(t => t.Id == p.JournalEntry.TicketId).Select(t => new { t.Number, t.RequesterId, t.State }).Single(),
            })
            .ToListAsync(cancellationToken);

        foreach (var p in pending)
        {
            // Take the lease: another instance that read the same row gets 0 and leaves it.
            var until = time.GetUtcNow() + Lease;
            var leased = await db.Set<PendingTicketEvent>()
                .Where(x => x.Id == p.Id && (x.LeaseUntil == null || x.LeaseUntil < now))
                .ExecuteUpdateAsync(x => x.SetProperty(e => e.LeaseUntil, until), cancellationToken);
            if (leased == 0) continue;

            var change = new TicketChange(p.Ticket.Number, p.Entry.Kind, p.Entry.Actor, p.Entry.From, p.Entry.To, p.Entry.Text,
                p.Entry.At, p.Ticket.RequesterId, p.Ticket.State);
            try
            {
                foreach (var events in subscribers)
                {
                    try
                    {
                        await events.TicketChangedAsync(change, cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogError(ex, "Publishing {ChangeKind} of ticket {TicketNumber} failed", change.Kind, change.TicketNumber);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: give the change back, so the next start (or another instance) publishes it at once
                // rather than after the lease. Only a crash leaves a lease to run out.
                await db.Set<PendingTicketEvent>().Where(x => x.Id == p.Id)
                    .ExecuteUpdateAsync(x => x.SetProperty(e => e.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
                throw;
            }

            await db.Set<PendingTicketEvent>().Where(x => x.Id == p.Id).ExecuteDeleteAsync(CancellationToken.None);
        }

        return pending.Count;
    }
}

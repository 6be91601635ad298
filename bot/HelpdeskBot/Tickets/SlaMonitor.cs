using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Tickets;

/// <summary>
/// Every <see cref="TicketsOptions.MonitorInterval"/> (on the injected <see cref="TimeProvider"/>), raises the SLA
/// warnings and breaches that have come due on open tickets. Each is saved with the ticket's concurrency check before
/// it is published, so across instances it goes out once.
/// </summary>
public sealed class SlaMonitor(
    IServiceScopeFactory scopes, TicketPolicy policy, IEnumerable<ITicketEvents> subscribers, TimeProvider time,
    IOptions<TicketsOptions> options, ILogger<SlaMonitor> logger) : BackgroundService
{
    /// <summary>Tickets loaded per query (small in tests, to cover paging).</summary>
    internal int BatchSize { get; set; } = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MonitorInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckSafelyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass over all watched tickets, a batch at a time; returns the alerts raised.</summary>
    public async Task<IReadOnlyList<SlaAlert>> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
        var now = time.GetUtcNow();
        var raised = new List<SlaAlert>();
        for (var afterId = 0; ;)
        {
            var batch = await Watched(db, afterId).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var ticket in batch)
            {
                var alerts = ticket.RaiseSlaAlerts(policy.Clock, now);
                if (alerts.Count > 0 && await TrySaveAsync(db, ticket, cancellationToken))
                {
                    raised.AddRange(alerts);
                    foreach (var alert in alerts)
                    {
                        await PublishAsync(alert, cancellationToken);
                    }
                }
            }

            db.ChangeTracker.Clear();
            if (batch.Count < BatchSize)
            {
                return raised;
            }

            afterId = batch[^1].Id;
        }
    }

    // Open tickets whose clocks run and that still have an alert to come.
    private static IQueryable<Ticket> Watched(HelpdeskDbContext db, int afterId) => db.Set<Ticket>()
        .Where(t => t.Id > afterId && t.SlaStartedAt != null
            && t.State != TicketState.Closed && t.State != TicketState.Cancelled && t.State != TicketState.Resolved
            && (!t.ResolutionBreached || (t.FirstRespondedAt == null && !t.FirstResponseBreached)))
        .OrderBy(t => t.Id);

    private async Task CheckSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CheckAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "SLA check failed; trying again at the next interval");
        }
    }

    private async Task<bool> TrySaveAsync(HelpdeskDbContext db, Ticket ticket, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Changed meanwhile (by a person or another instance's monitor): drop ours, the next pass decides again.
            db.Entry(ticket).State = EntityState.Detached;
            foreach (var entry in db.ChangeTracker.Entries<TicketJournalEntry>().Where(e => e.State == EntityState.Added).ToList())
            {
                entry.State = EntityState.Detached;
            }

            return false;
        }
    }

    private async Task PublishAsync(SlaAlert alert, CancellationToken cancellationToken)
    {
        logger.LogWarning("Ticket {TicketNumber} {SlaTarget} SLA {SlaLevel}", alert.TicketNumber, alert.Target, alert.Level);
        foreach (var events in subscribers)
        {
            try
            {
                await (alert.Level == SlaLevel.Breached
                    ? events.SlaBreachedAsync(alert, cancellationToken)
                    : events.SlaWarningAsync(alert, cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Publishing the {SlaTarget} SLA alert of ticket {TicketNumber} failed", alert.Target, alert.TicketNumber);
            }
        }
    }
}

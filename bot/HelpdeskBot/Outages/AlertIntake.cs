using HelpdeskBot.Outages.Alerts;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Outages;

/// <summary>What became of one payload's alerts: the outages they opened or touched, and the alerts left aside with why.</summary>
public sealed record AlertOutcome(IReadOnlyList<string> Opened, IReadOnlyList<string> Updated, IReadOnlyList<string> Resolved, IReadOnlyList<IgnoredAlert> Ignored);

public sealed record IgnoredAlert(int Index, string Fingerprint, string Reason);

/// <summary>
/// Turns monitoring alerts into outages: an alert firing on a service with no active outage opens one; further alerts
/// on that service (a storm) and repeats of the same alert (source and fingerprint) join it; when every alert on an
/// outage has resolved, the outage is resolved (<see cref="OutagesOptions.ResolveWhenAlertsResolve"/>) or its timeline
/// says so for an agent to confirm. One payload is taken whole or not at all (a transaction), and payloads are taken
/// one at a time, so a storm arriving in parallel still makes one outage: one at a time in this instance, and on
/// PostgreSQL across instances too (a transaction-scoped advisory lock; SQLite has one writer anyway).
/// </summary>
public sealed class AlertIntake(HelpdeskDbContext db, OutageService outages, OutageBroadcaster broadcaster, IOptions<OutagesOptions> options, TimeProvider time, ILogger<AlertIntake> logger)
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async Task<AlertOutcome> TakeAsync(IReadOnlyList<IncomingAlert> alerts, CancellationToken cancellationToken)
    {
        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            var opened = new List<Outage>();
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                // Another instance's payload waits here until this one commits, then sees the outage it opened.
                await db.Database.HoldForTransactionAsync(DatabaseLocks.Alerts, cancellationToken);

                var outcome = await TakeInTransactionAsync(alerts, opened, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                // Then who hears of it: written after the commit, so the first notices go out while the rest are written
                // (an audience not written because of a crash is written by the scheduler's next pass).
                foreach (var outage in opened)
                {
                    await outages.ReachAsync(outage, cancellationToken);
                }

                broadcaster.Wake();
                return outcome;
            }
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task<AlertOutcome> TakeInTransactionAsync(IReadOnlyList<IncomingAlert> alerts, List<Outage> opened, CancellationToken cancellationToken)
    {
        var known = await db.Set<ServiceDefinition>().AsNoTracking().Select(s => s.Id).ToListAsync(cancellationToken);
        List<string> numbers = [], updated = [], resolved = [];
        var ignored = new List<IgnoredAlert>();
        var now = time.GetUtcNow();
        // A storm names one service a thousand times: its active outage is looked up once per payload.
        var activeOn = new Dictionary<string, Outage?>();
        for (var i = 0; i < alerts.Count; i++)
        {
            var alert = alerts[i];
            var service = alert.Service?.Trim().ToLowerInvariant();
            var seen = await db.Set<OutageAlert>().SingleOrDefaultAsync(a => a.Source == alert.Source && a.Fingerprint == alert.Fingerprint, cancellationToken);
            if (alert.Status == AlertStatus.Resolved)
            {
                if (seen is null)
                {
                    ignored.Add(new IgnoredAlert(i, alert.Fingerprint, "resolved, but never seen firing"));
                    continue;
                }

                seen.SeenAgain(firing: false, now);
                await db.SaveChangesAsync(cancellationToken);
                if (await ResolveWhenAllClearAsync(seen.OutageId, alert, cancellationToken) is { } number)
                {
                    activeOn.Clear(); // an outage ended: look again
                    resolved.Add(number);
                }

                continue;
            }

            if (service is null || !known.Contains(service))
            {
                ignored.Add(new IgnoredAlert(i, alert.Fingerprint, service is null
                    ? $"no '{options.Value.AlertServiceLabel}' label to say which service"
                    : $"service '{service}' is not in the service map"));
                continue;
            }

            if (!activeOn.TryGetValue(service, out var active))
            {
                activeOn[service] = active = (await outages.ActiveAsync(service, cancellationToken)).FirstOrDefault(o => o.Kind == OutageKind.Outage);
            }

            if (seen is not null && active?.Id == seen.OutageId)
            {
                seen.SeenAgain(firing: true, now); // a repeat: the same outage, nothing new to tell
                await db.SaveChangesAsync(cancellationToken);
                Add(updated, active.Number);
                continue;
            }

            if (active is null)
            {
                active = await outages.OpenAsync(new NewOutage(Title(alert), [service], Impact(alert),
                    $"Opened by an alert from {alert.Source}: {alert.Title}", Start: alert.StartsAt <= now ? alert.StartsAt : now), $"monitoring ({alert.Source})",
                    cancellationToken, reachNow: false);
                opened.Add(active);
                activeOn[service] = active;
                Add(numbers, active.Number);
            }
            else
            {
                Add(updated, active.Number);
            }

            if (seen is null)
            {
                db.Add(OutageAlert.Create(alert.Source, alert.Fingerprint, active.Id, service, firing: true, now));
            }
            else
            {
                seen.SeenAgain(firing: true, now); // it fired again after its outage was resolved: now on this one
                db.Entry(seen).Property(a => a.OutageId).CurrentValue = active.Id;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (numbers.Count + updated.Count + resolved.Count > 0)
        {
            logger.LogInformation("Alerts: {Count} taken; outages opened {Opened}, updated {Updated}, resolved {Resolved}; {Ignored} ignored",
                alerts.Count, string.Join(",", numbers), string.Join(",", updated), string.Join(",", resolved), ignored.Count);
        }

        return new AlertOutcome(numbers, updated.Except(numbers).ToList(), resolved, ignored);
    }

    // Every alert on the outage has resolved: resolve it, or say so on the timeline for an agent to confirm.
    private async Task<string?> ResolveWhenAllClearAsync(int outageId, IncomingAlert alert, CancellationToken cancellationToken)
    {
        if (await db.Set<OutageAlert>().AnyAsync(a => a.OutageId == outageId && a.Firing, cancellationToken)
            || await outages.FindAsync(outageId, cancellationToken) is not { Status: not OutageStatus.Resolved } outage)
        {
            return null;
        }

        var author = $"monitoring ({alert.Source})";
        if (options.Value.ResolveWhenAlertsResolve)
        {
            await outages.UpdateAsync(outage.Id, OutageStatus.Resolved, null, "Monitoring reports the service is working again.", author, cancellationToken);
            return outage.Number;
        }

        await outages.UpdateAsync(outage.Id, OutageStatus.Monitoring, null, "Monitoring reports the service is working again; the service desk will confirm.", author, cancellationToken);
        return null;
    }

    private static void Add(List<string> list, string number)
    {
        if (!list.Contains(number))
        {
            list.Add(number);
        }
    }

    private static string Title(IncomingAlert alert) => alert.Title.Length <= Outage.MaxTitleLength ? alert.Title : alert.Title[..Outage.MaxTitleLength];

    private static string? Impact(IncomingAlert alert) =>
        alert.Description is { Length: > 0 } d ? (d.Length <= Outage.MaxImpactLength ? d : d[..Outage.MaxImpactLength]) : null;
}

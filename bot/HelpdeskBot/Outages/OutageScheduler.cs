using System.Collections.Concurrent;
using HelpdeskBot.Conversations;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Outages;

/// <summary>
/// What happens with time: planned maintenance is announced at each <see cref="OutagesOptions.MaintenanceNoticesBefore"/>,
/// again when it starts, and resolved (with its notice) when its window ends; and the agents' outage cards are brought
/// up to date with the delivery counts while notices go out. Runs every <see cref="Interval"/> on the app's clock.
/// </summary>
public sealed class OutageScheduler(IServiceScopeFactory scopes, IOptions<OutagesOptions> options, TimeProvider time, ILogger<OutageScheduler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<int, DeliveryCounts> _shown = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
                await RefreshStatusCardsAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Checking outages and maintenance failed; trying again in {Interval}", Interval);
            }

            await Task.Delay(Interval, time, stoppingToken);
        }
    }

    /// <summary>
    /// One pass: an open outage whose audience was never written (the app stopped between the alert's commit and it) is
    /// reached now; planned maintenance's reminders due, windows started, windows ended.
    /// </summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
        var outages = scope.ServiceProvider.GetRequiredService<OutageService>();
        var now = time.GetUtcNow();
        var unreached = await db.Set<Outage>().Where(o => o.Status != OutageStatus.Resolved && !db.Set<OutageNotice>().Any(n => n.OutageId == o.Id))
            .OrderBy(o => o.Id).Select(o => o.Id).Take(10).ToListAsync(cancellationToken);
        foreach (var id in unreached)
        {
            if (await outages.FindAsync(id, cancellationToken) is { } outage && await outages.AddAudienceAsync(outage, cancellationToken) > 0)
            {
                logger.LogWarning("{OutageNumber} had no notices written: written now", outage.Number);
            }
        }

        var horizon = now + options.Value.MaintenanceNoticesBefore.DefaultIfEmpty(TimeSpan.Zero).Max();
        var planned = await db.Set<Outage>().Where(o => o.Kind == OutageKind.Maintenance && o.Status != OutageStatus.Resolved && o.StartedAt <= horizon)
            .Select(o => o.Id).ToListAsync(cancellationToken);
        foreach (var id in planned)
        {
            var outage = await outages.FindAsync(id, cancellationToken);
            if (outage is null)
            {
                continue;
            }

            if (outage.ScheduledEnd is { } end && end <= now)
            {
                await outages.UpdateAsync(outage.Id, OutageStatus.Resolved, null, "The maintenance is finished.", "schedule", cancellationToken);
                continue;
            }

            // The latest lead time reached (0: it has started), announced once.
            var due = options.Value.MaintenanceNoticesBefore.Append(TimeSpan.Zero)
                .Where(lead => outage.StartedAt - lead <= now).Select(lead => (int)lead.TotalMinutes).DefaultIfEmpty(-1).Min();
            if (due >= 0 && outage.RecordReminder(due, now))
            {
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    db.ChangeTracker.Clear(); // another pass (or instance) recorded it at the same moment: it tells everyone
                    continue;
                }

                await outages.RetargetAsync(outage, cancellationToken);
                logger.LogInformation("Maintenance {OutageNumber}: {When} notice", outage.Number, due == 0 ? "started" : $"{due} minutes ahead");
            }
        }
    }

    /// <summary>The agents' cards of outages whose delivery counts changed since they were last shown.</summary>
    public async Task RefreshStatusCardsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
        var outages = scope.ServiceProvider.GetRequiredService<OutageService>();
        var since = time.GetUtcNow() - TimeSpan.FromDays(1);
        var withCards = await db.Set<Outage>().AsNoTracking().Where(o => o.StatusCardActivityId != null && (o.Status != OutageStatus.Resolved || o.EndedAt > since))
            .Select(o => o.Id).ToListAsync(cancellationToken);
        foreach (var id in withCards)
        {
            var outage = await outages.FindAsync(id, cancellationToken);
            if (outage is null)
            {
                continue;
            }

            var counts = await outages.CountsAsync(outage, cancellationToken);
            var key = counts with { Total = counts.Total * 100 + outage.Revision }; // a new revision changes the card too
            if (_shown.TryGetValue(id, out var shown) && shown == key)
            {
                continue;
            }

            var card = OutageStatusCard.Build(outage, await OutageBroadcaster.ServiceNamesAsync(db, outage), counts, time.GetUtcNow());
            try
            {
                await scope.ServiceProvider.GetRequiredService<ProactiveMessenger>().UpdateAsync(outage.StatusCardChannelId!, outage.StatusCardConversationId!,
                    outage.StatusCardActivityId!, Activity.CreateMessage(null, card.ToAttachment()), cancellationToken);
                _shown[id] = key;
            }
            catch (Exception e) when (e is KeyNotFoundException or HttpRequestException or Protocol.Connector.ConnectorException)
            {
                logger.LogWarning("The agents' card of {OutageNumber} could not be updated: {Reason}", outage.Number, e.Message);
                _shown[id] = key;
            }
        }
    }
}

using HelpdeskBot.Background;
using HelpdeskBot.Protocol.Connector;
using HelpdeskBot.Storage;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Agents;

/// <summary>
/// Posts the queue cards that wait (<see cref="QueueThread"/> in <see cref="QueueThreadState.Waiting"/>) as soon as
/// their group's queue can be reached: woken when one is saved or a team install is seen, and every
/// <see cref="AgentsOptions.PollInterval"/>. A card that cannot go yet stays saved, with a warning saying why (once
/// per reason). Each is leased before posting, so across instances it is posted once.
/// </summary>
public sealed class QueuePoster(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<AgentsOptions> options, ILogger<QueuePoster> logger) : BackgroundService
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Cards taken per pass; a pass that posted them all goes straight on to the next (a backlog after a burst).</summary>
    public const int BatchSize = 200;

    private readonly WakeSignal _wake = new();

    public void Wake() => _wake.Wake();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PostWaitingAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Posting to the queues failed; trying again at the next change or in {PollInterval}", options.Value.PollInterval);
            }

            await _wake.WaitAsync(options.Value.PollInterval, time, stoppingToken);
        }
    }

    /// <summary>One pass: posts what can go; returns how many were posted.</summary>
    public async Task<int> PostWaitingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<HelpdeskDbContext>();
        var queues = services.GetRequiredService<QueueDirectory>();
        var cards = services.GetRequiredService<QueueCards>();
        var tickets = services.GetRequiredService<TicketService>();
        var now = time.GetUtcNow();
        var waiting = await db.Set<QueueThread>().AsNoTracking()
            .Where(t => t.State == QueueThreadState.Waiting && (t.LeaseUntil == null || t.LeaseUntil < now))
            .OrderBy(t => t.Id).Take(BatchSize).ToListAsync(cancellationToken);
        var posted = 0;
        foreach (var thread in waiting)
        {
            var (queue, problem) = await queues.FindAsync(thread.Group, cancellationToken);
            if (queue is null)
            {
                if (problem != thread.WaitingReason)
                {
                    logger.LogWarning("Ticket {TicketNumber} waits to be posted to the {Group} queue: {Reason}", thread.TicketNumber, thread.Group, problem);
                    await db.Set<QueueThread>().Where(t => t.Id == thread.Id)
                        .ExecuteUpdateAsync(t => t.SetProperty(x => x.WaitingReason, problem), cancellationToken);
                }

                continue;
            }

            var leased = await db.Set<QueueThread>()
                .Where(t => t.Id == thread.Id && t.State == QueueThreadState.Waiting && (t.LeaseUntil == null || t.LeaseUntil < now))
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.LeaseUntil, time.GetUtcNow() + Lease), cancellationToken);
            if (leased == 0 || await tickets.FindByNumberAsync(thread.TicketNumber, cancellationToken) is not { } ticket)
            {
                continue;
            }

            // Asked for a chat a moment ago (the outbox may not have told the handoffs yet): the card shows it from the start.
            if (ticket.Journal.LastOrDefault(e => e.Kind == JournalKind.Handoff)?.To == nameof(HandoffState.Waiting))
            {
                await services.GetRequiredService<Handoffs>().RequestedAsync(ticket, cancellationToken);
            }

            try
            {
                var (conversationId, activityId, cardHash) = await cards.PostAsync(ticket, queue, cancellationToken);
                var saved = await db.Set<QueueThread>().SingleAsync(t => t.Id == thread.Id, cancellationToken);
                saved.Posted(queue.Team.TeamId, queue.ChannelId, conversationId, activityId, cardHash, time.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                posted++;
                logger.LogInformation("Ticket {TicketNumber} posted to the {Group} queue", ticket.Number, queue.Group);
            }
            catch (Exception ex) when (ex is HttpRequestException or ConnectorException or UnauthorizedAccessException)
            {
                var reason = $"the channel refused the post: {ex.Message}";
                logger.LogWarning("Ticket {TicketNumber} could not be posted to the {Group} queue: {Reason}", ticket.Number, queue.Group, ex.Message);
                await db.Set<QueueThread>().Where(t => t.Id == thread.Id)
                    .ExecuteUpdateAsync(t => t.SetProperty(x => x.WaitingReason, reason).SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
            }
        }

        await services.GetRequiredService<Handoffs>().FlagUnansweredAsync(cancellationToken);
        return posted;
    }
}

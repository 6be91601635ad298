using System.Threading.Channels;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

/// <summary>
/// Hears every saved ticket change and, in the background, tells the people concerned in Teams
/// (<see cref="TicketNotifications"/>): the approver gets their card, the requester hears of approvals, state changes
/// and comments. Off the request path, so a slow or throttled connector never delays the click that made the change.
/// Changes are queued in memory: those not yet sent when the app stops are not sent (the journal keeps them).
/// </summary>
public sealed class TicketNotifier(IServiceScopeFactory scopes, ILogger<TicketNotifier> logger) : BackgroundService, ITicketEvents
{
    public const int Capacity = 10_000;

    private readonly Channel<TicketChange> _changes = Channel.CreateBounded<TicketChange>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public Task TicketChangedAsync(TicketChange change, CancellationToken cancellationToken)
    {
        if (!_changes.Writer.TryWrite(change))
        {
            logger.LogWarning("Notification queue full ({Capacity}): {ChangeKind} of ticket {TicketNumber} will not be sent",
                Capacity, change.Kind, change.TicketNumber);
        }

        return Task.CompletedTask;
    }

    // SLA alerts are for agents: the escalation work routes them to their channel.
    public Task SlaWarningAsync(SlaAlert alert, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SlaBreachedAsync(SlaAlert alert, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in _changes.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TicketNotifications>().HandleAsync(change, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Telling people about {ChangeKind} of ticket {TicketNumber} failed", change.Kind, change.TicketNumber);
            }
        }
    }
}

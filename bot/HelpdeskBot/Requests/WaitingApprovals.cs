using System.Threading.Channels;

namespace HelpdeskBot.Requests;

/// <summary>
/// Delivers approval cards that waited for their approver to become reachable, off the request path: a turn
/// <see cref="Enqueue"/>s the person's Teams id (cheap) and <see cref="TicketNotifications.DeliverWaitingApprovalsAsync"/>
/// runs in the background, one person at a time, so a slow connector never delays the turn and the two notices of
/// one install (Teams sends both) do not send a card twice. A failure is logged, not retried: the approver can still
/// type "my approvals", and the service desk was told the approval is stuck. A queue lost at a restart costs the same.
/// </summary>
public sealed class WaitingApprovals(IServiceScopeFactory scopes, ILogger<WaitingApprovals> logger) : BackgroundService
{
    private readonly Channel<string> _reachable = Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Someone may be reachable now (first seen in chat, or the app installed for them).</summary>
    public void Enqueue(string teamsId)
    {
        if (!_reachable.Writer.TryWrite(teamsId))
        {
            logger.LogWarning("Too many people became reachable at once; approvals waiting for {TeamsId} are not sent now", teamsId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var teamsId in _reachable.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TicketNotifications>().DeliverWaitingApprovalsAsync(teamsId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Approvals waiting for {TeamsId} could not be delivered", teamsId);
            }
        }
    }
}

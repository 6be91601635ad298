using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

/// <summary>
/// Hears every saved ticket change and tells the people concerned in Teams (<see cref="TicketNotifications"/>): the
/// approver gets their card, the requester hears of approvals, state changes and comments. Called by the
/// <see cref="TicketEventDispatcher"/> off the request path, so a slow or throttled connector never delays the click
/// that made the change, and a change saved just before the app stopped is still told after it starts again.
/// </summary>
public sealed class TicketNotifier(IServiceScopeFactory scopes) : ITicketEvents
{
    public async Task TicketChangedAsync(TicketChange change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TicketNotifications>().HandleAsync(change, cancellationToken);
    }

    // SLA alerts are for agents: the escalation work routes them to their channel.
    public Task SlaWarningAsync(SlaAlert alert, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SlaBreachedAsync(SlaAlert alert, CancellationToken cancellationToken) => Task.CompletedTask;
}

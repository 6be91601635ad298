using System.Collections.Concurrent;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>Ticket events as the chat layer would receive them, kept for assertions.</summary>
public sealed class RecordingTicketEvents : ITicketEvents
{
    public ConcurrentQueue<TicketChange> Changes { get; } = new();
    public ConcurrentQueue<SlaAlert> Alerts { get; } = new();

    public Task TicketChangedAsync(TicketChange change, CancellationToken cancellationToken)
    {
        Changes.Enqueue(change);
        return Task.CompletedTask;
    }

    public Task SlaWarningAsync(SlaAlert alert, CancellationToken cancellationToken)
    {
        Alerts.Enqueue(alert);
        return Task.CompletedTask;
    }

    public Task SlaBreachedAsync(SlaAlert alert, CancellationToken cancellationToken)
    {
        Alerts.Enqueue(alert);
        return Task.CompletedTask;
    }

    /// <summary>Waits (polling, with a deadline) until <paramref name="count"/> alerts have arrived.</summary>
    public Task WaitForAlertsAsync(int count) =>
        Poll.UntilAsync(() => Alerts.Count >= count, $"{count} SLA alerts have arrived");
}

using HelpdeskBot.Tickets;

namespace HelpdeskBot.Observability;

/// <summary>Counts the SLA warnings and breaches the <see cref="SlaMonitor"/> publishes (one of the <see cref="ITicketEvents"/> subscribers).</summary>
public sealed class SlaMetricsEvents(HelpdeskMetrics metrics) : ITicketEvents
{
    public Task TicketChangedAsync(TicketChange change, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SlaWarningAsync(SlaAlert alert, CancellationToken cancellationToken)
    {
        metrics.SlaAlertRaised(alert);
        return Task.CompletedTask;
    }

    public Task SlaBreachedAsync(SlaAlert alert, CancellationToken cancellationToken)
    {
        metrics.SlaAlertRaised(alert);
        return Task.CompletedTask;
    }
}

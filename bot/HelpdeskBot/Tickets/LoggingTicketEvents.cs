namespace HelpdeskBot.Tickets;

/// <summary>A log line per ticket event (one of the <see cref="ITicketEvents"/> subscribers).</summary>
public sealed class LoggingTicketEvents(ILogger<LoggingTicketEvents> logger) : ITicketEvents
{
    public Task TicketChangedAsync(TicketChange change, CancellationToken cancellationToken)
    {
        logger.LogInformation("Ticket {TicketNumber} {ChangeKind} by {Actor}: {From} -> {To}",
            change.TicketNumber, change.Kind, change.Actor, change.From, change.To);
        return Task.CompletedTask;
    }

    public Task SlaWarningAsync(SlaAlert alert, CancellationToken cancellationToken)
    {
        logger.LogWarning("Ticket {TicketNumber} {SlaTarget} SLA at warning, due {DueAt}", alert.TicketNumber, alert.Target, alert.DueAt);
        return Task.CompletedTask;
    }

    public Task SlaBreachedAsync(SlaAlert alert, CancellationToken cancellationToken)
    {
        logger.LogWarning("Ticket {TicketNumber} {SlaTarget} SLA breached, was due {DueAt}", alert.TicketNumber, alert.Target, alert.DueAt);
        return Task.CompletedTask;
    }
}

namespace HelpdeskBot.Tickets;

/// <summary>The default <see cref="ITicketEvents"/> until the chat layer registers its own: a log line per event.</summary>
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

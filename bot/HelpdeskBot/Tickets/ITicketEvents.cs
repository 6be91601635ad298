namespace HelpdeskBot.Tickets;

/// <summary>
/// Where ticket changes and SLA alerts go once saved (the chat layer tells requesters and agents). Called after the
/// change is committed, on every registered subscriber in turn; a failure is logged and does not undo the change.
/// </summary>
public interface ITicketEvents
{
    Task TicketChangedAsync(TicketChange change, CancellationToken cancellationToken);

    Task SlaWarningAsync(SlaAlert alert, CancellationToken cancellationToken);

    Task SlaBreachedAsync(SlaAlert alert, CancellationToken cancellationToken);
}

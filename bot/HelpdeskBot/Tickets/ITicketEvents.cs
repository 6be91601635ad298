namespace HelpdeskBot.Tickets;

/// <summary>
/// Where ticket changes and SLA alerts go once saved (the chat layer tells requesters and agents). Called after the
/// change is committed; a failure here is logged and does not undo the change.
/// </summary>
public interface ITicketEvents
{
    Task TicketChangedAsync(TicketChange change, CancellationToken cancellationToken);

    Task SlaWarningAsync(SlaAlert alert, CancellationToken cancellationToken);

    Task SlaBreachedAsync(SlaAlert alert, CancellationToken cancellationToken);
}

namespace HelpdeskBot.Tickets;

/// <summary>
/// A journal entry not yet published to <see cref="ITicketEvents"/>: the outbox. Saved in the same transaction as
/// the change, so a change is published even when the app stops between saving and publishing (on the next start).
/// <see cref="TicketEventDispatcher"/> leases a row before publishing it and deletes it after: with several
/// instances on one database each change is published by one of them, and again only if that one stopped mid-way.
/// </summary>
public sealed class PendingTicketEvent
{
    private PendingTicketEvent() { }

    internal PendingTicketEvent(TicketJournalEntry entry) => JournalEntry = entry;

    public long Id { get; private set; }
    public long JournalEntryId { get; private set; }
    public TicketJournalEntry JournalEntry { get; private set; } = null!;

    /// <summary>Set while an instance publishes it; a row whose lease ran out is taken up again.</summary>
    public DateTimeOffset? LeaseUntil { get; private set; }
}

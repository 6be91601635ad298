namespace HelpdeskBot.Tickets;

/// <summary>
/// One line of a ticket's history. Append-only: nothing here can be changed once written, and the database refuses
/// UPDATE and DELETE on the table (triggers in the Tickets migration).
/// </summary>
public sealed class TicketJournalEntry
{
    private TicketJournalEntry() { }

    internal TicketJournalEntry(DateTimeOffset at, string actor, JournalKind kind, string? from, string? to, string? text)
    {
        At = at;
        Actor = actor;
        Kind = kind;
        From = from;
        To = to;
        Text = text;
    }

    public long Id { get; private set; }
    public int TicketId { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>A Teams user id, "system", or an API key name prefixed "api:".</summary>
    public string Actor { get; private set; } = "";

    public JournalKind Kind { get; private set; }
    public string? From { get; private set; }
    public string? To { get; private set; }
    public string? Text { get; private set; }
}

namespace HelpdeskBot.Tickets;

/// <summary>One journal entry as the API returns it; <see cref="Actor"/> is a Teams id, "system" or "api:" + a key name.</summary>
public sealed record TicketJournalView(DateTimeOffset At, string Actor, string Kind, string? From, string? To, string? Text)
{
    public static TicketJournalView Of(TicketJournalEntry e) => new(e.At, e.Actor, e.Kind.ToString(), e.From, e.To, e.Text);
}

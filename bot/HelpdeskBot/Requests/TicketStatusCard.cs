using HelpdeskBot.Catalog;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

/// <summary>"status REQ0001001": one ticket and its journal, oldest first.</summary>
public static class TicketStatusCard
{
    private const int MaxText = 500;

    public static AdaptiveCard Build(Ticket ticket)
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                IntakeCard.Text($"{ticket.Number} — {ticket.Title}", t => { t.Size = TextSize.Medium; t.Weight = TextWeight.Bolder; }),
                IntakeCard.Text($"{TicketText.State(ticket.State)} · {ticket.Priority} · due {TicketText.SlaDue(ticket)}", t => t.IsSubtle = true, Spacing.None),
                IntakeCard.Text("History", t => t.Weight = TextWeight.Bolder),
            ],
            FallbackText = $"{ticket.Number} — {TicketText.State(ticket.State)}",
        };
        foreach (var entry in ticket.Journal)
        {
            card.Body.Add(IntakeCard.Text(Line(entry), t => t.Size = TextSize.Small, Spacing.None));
        }

        return card;
    }

    private static string Line(TicketJournalEntry entry)
    {
        var change = entry.Kind switch
        {
            JournalKind.Created => "Created",
            JournalKind.StateChanged => $"{entry.From} → {entry.To}",
            JournalKind.Assigned => $"Assigned to {entry.To}",
            JournalKind.Comment => "Comment",
            JournalKind.Approval => $"Approval: {entry.To}",
            JournalKind.SlaWarning => "SLA warning",
            JournalKind.SlaBreach => "SLA breached",
            _ => entry.Kind.ToString(),
        };
        var text = entry.Kind is JournalKind.Created or JournalKind.Comment or JournalKind.Approval && entry.Text is { Length: > 0 } t
            ? $": {(t.Length <= MaxText ? t : t[..MaxText] + "…")}" : "";
        return $"{TicketText.Time(entry.At)} {change}{text}";
    }
}

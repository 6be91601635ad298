using HelpdeskBot.Catalog;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

/// <summary>
/// "status REQ0001001": one ticket and its journal (oldest first), with the requester's comment and cancel actions
/// while it is open; also what the requester's card becomes when the ticket changes.
/// </summary>
public static class TicketStatusCard
{
    private const int MaxText = 500;

    /// <summary>The journal's last lines only, so a long-running ticket's card stays well under Teams' size limit.</summary>
    public const int MaxJournalLines = 30;

    public static AdaptiveCard Build(Ticket ticket, string? notice = null, string? error = null)
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
            Actions = TicketActions.For(ticket),
        };
        if (ticket.Rating is { } score)
        {
            card.Body.Insert(2, IntakeCard.Text($"You rated it {score}/5{(ticket.RatingComment is { } said ? $": {Shorten(said)}" : "")}", t => t.IsSubtle = true, Spacing.None));
        }

        if (ticket.State is TicketState.Resolved or TicketState.Closed && Resolution(ticket) is { } resolution)
        {
            card.Body.Insert(2, IntakeCard.Text($"Resolution: {Shorten(resolution)}", t => t.Color = TextColor.Good));
        }

        if (ticket.Description is { Length: > 0 } description)
        {
            card.Body.Insert(2, IntakeCard.Text(Shorten(description), _ => { }));
        }

        if (ticket.Approval is ApprovalState.Pending or ApprovalState.Rejected)
        {
            card.Body.Insert(2, IntakeCard.Text(ticket.Approval == ApprovalState.Pending
                ? ticket.ApproverId is null
                    ? "Waiting for the service desk to name an approver; work starts once it is approved."
                    : "Waiting for approval; work starts once it is approved."
                : $"Rejected: {ticket.ApprovalReason}", t => t.IsSubtle = true, Spacing.None));
        }

        if (notice is not null)
        {
            card.Body.Insert(2, IntakeCard.Text(notice, t => t.Color = TextColor.Good));
        }

        if (error is not null)
        {
            card.Body.Insert(2, IntakeCard.Text(error, t => t.Color = TextColor.Attention));
        }

        var journal = ticket.Journal.ToList();
        if (journal.Count > MaxJournalLines)
        {
            card.Body.Add(IntakeCard.Text($"… {journal.Count - MaxJournalLines} earlier entries", t => t.IsSubtle = true, Spacing.None));
        }

        foreach (var entry in journal.TakeLast(MaxJournalLines))
        {
            card.Body.Add(IntakeCard.Text(Line(ticket, entry), t => t.Size = TextSize.Small, Spacing.None));
        }

        return card;
    }

    // The created line tells what the person reported, in their words, rather than repeat the title.
    private static string Line(Ticket ticket, TicketJournalEntry entry)
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
            JournalKind.Rating => $"Rated {entry.To}/5",
            JournalKind.ApprovalStuck => "Approval stuck: the service desk is told",
            JournalKind.ApproverChanged => "Approver changed",
            _ => entry.Kind.ToString(),
        };
        var said = entry.Kind == JournalKind.Created ? ticket.Description ?? entry.Text : entry.Text;
        var text = entry.Kind is JournalKind.Created or JournalKind.Comment or JournalKind.Approval or JournalKind.StateChanged or JournalKind.Rating && said is { Length: > 0 } t
            ? $": {Shorten(t)}" : "";
        return $"{TicketText.Time(entry.At)} {change}{text}";
    }

    // The note of the latest move to Resolved: what the help desk did.
    private static string? Resolution(Ticket ticket) =>
        ticket.Journal.LastOrDefault(e => e.Kind == JournalKind.StateChanged && e.To == nameof(TicketState.Resolved))?.Text is { Length: > 0 } note
            ? note : null;

    private static string Shorten(string text) => text.Shorten(MaxText + 1);
}

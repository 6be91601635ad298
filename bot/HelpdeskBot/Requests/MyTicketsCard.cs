using HelpdeskBot.Catalog;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

/// <summary>"my tickets": the requester's newest tickets, one block each (number, title, state, priority, SLA due).</summary>
public static class MyTicketsCard
{
    public const int Max = 10;
    public const string None = "You have no tickets yet. Type **request** to raise one.";

    public static AdaptiveCard Build(IReadOnlyList<Ticket> tickets)
    {
        var card = new AdaptiveCard
        {
            Body = [IntakeCard.Text("Your tickets", t => { t.Size = TextSize.Medium; t.Weight = TextWeight.Bolder; })],
            FallbackText = "Your tickets",
        };
        foreach (var ticket in tickets.Take(Max))
        {
            card.Body.Add(new Container
            {
                Separator = true,
                Items =
                [
                    IntakeCard.Text($"{ticket.Number} — {ticket.Title}", t => t.Weight = TextWeight.Bolder),
                    IntakeCard.Text($"{TicketText.State(ticket.State)} · {ticket.Priority} · opened {TicketText.Time(ticket.CreatedAt)} · due {TicketText.SlaDue(ticket)}", t => t.IsSubtle = true, Spacing.None),
                ],
            });
        }

        return card;
    }
}

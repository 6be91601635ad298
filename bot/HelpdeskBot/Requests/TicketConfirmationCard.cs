using HelpdeskBot.Catalog;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

/// <summary>What a submitted intake card turns into: the new ticket's number, state and priority.</summary>
public static class TicketConfirmationCard
{
    public static string Summary(Ticket ticket) =>
        $"{ticket.Number} — {ticket.Title} — {TicketText.State(ticket.State)} — {ticket.Priority} — we'll tell you when it changes";

    /// <summary>Shown while approval is pending with nobody named (the reason is in the journal, for the service desk).</summary>
    public const string NobodyToApprove =
        "It needs approval first, and I couldn't tell who approves it: the service desk will name an approver. Work starts once it is approved.";

    public static AdaptiveCard Build(Ticket ticket)
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                IntakeCard.Text($"{ticket.Number} — {ticket.Title}", t => { t.Size = TextSize.Medium; t.Weight = TextWeight.Bolder; }),
                IntakeCard.Text($"{TicketText.State(ticket.State)} · {ticket.Priority} · we'll tell you when it changes", _ => { }, Spacing.None),
            ],
            FallbackText = Summary(ticket),
            Actions = TicketActions.For(ticket),
        };
        if (ticket.Approval == ApprovalState.Pending)
        {
            card.Body.Add(IntakeCard.Text(ticket.ApproverId is null ? NobodyToApprove : "It needs approval first; work starts once it is approved.", t => t.IsSubtle = true));
        }

        return card;
    }
}

using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

/// <summary>What a requester can do from their ticket's card: comment on it, or cancel it, while it is open.</summary>
public static class TicketActions
{
    public const string CommentVerb = "ticket.comment";
    public const string CancelVerb = "ticket.cancel";
    public const string CommentInput = "comment";
    public const string ReasonInput = "reason";

    /// <summary>The ticket the button is about; the server checks the clicker is its requester.</summary>
    public sealed record About(string Ticket);

    public static List<CardAction> For(Ticket ticket)
    {
        if (ticket.State is TicketState.Closed or TicketState.Cancelled)
        {
            return [];
        }

        var about = new About(ticket.Number);
        List<CardAction> actions =
        [
            new ActionShowCard
            {
                Title = "Add a comment",
                Card = new AdaptiveCard
                {
                    Body =
                    [
                        new InputText
                        {
                            Id = CommentInput, Label = "Comment", IsMultiline = true, IsRequired = true,
                            MaxLength = 4000, ErrorMessage = "Write a comment first.",
                        },
                    ],
                    Actions = [ActionExecute.Create("Send comment", CommentVerb, about)],
                },
            },
        ];
        if (ticket.State is not TicketState.Resolved)
        {
            actions.Add(new ActionShowCard
            {
                Title = ticket.Kind == TicketKind.Incident ? "Cancel this incident" : "Cancel this request",
                Card = new AdaptiveCard
                {
                    Body =
                    [
                        new InputText { Id = ReasonInput, Label = "Why (optional)", MaxLength = Ticket.MaxReasonLength },
                    ],
                    Actions = [WithStyle(ActionExecute.Create("Cancel it", CancelVerb, about), ActionStyle.Destructive)],
                },
            });
        }

        return actions;
    }

    internal static ActionExecute WithStyle(ActionExecute action, ActionStyle style)
    {
        action.Style = style;
        return action;
    }
}

using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

/// <summary>
/// What a requester can do from their ticket's card: comment on it or cancel it while it is open; once it is resolved,
/// rate the resolution or say it is still broken (which reopens it).
/// </summary>
public static class TicketActions
{
    public const string CommentVerb = "ticket.comment";
    public const string CancelVerb = "ticket.cancel";
    public const string RateVerb = "ticket.rate";
    public const string ReopenVerb = "ticket.reopen";
    public const string ScoreInput = "score";
    public const string RatingCommentInput = "ratingComment";
    public const string StillBrokenInput = "stillBroken";
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
        if (ticket.State is TicketState.Resolved)
        {
            actions.Insert(0, RateThis(about, ticket));
            actions.Insert(1, StillBroken(about));
        }
        else
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

    private static ActionShowCard RateThis(About about, Ticket ticket) => new()
    {
        Title = ticket.Rating is null ? "Rate this" : "Change your rating",
        Card = new AdaptiveCard
        {
            Body =
            [
                new InputChoiceSet
                {
                    Id = ScoreInput, Label = "How well was it sorted out?", IsRequired = true, Style = ChoiceInputStyle.Expanded,
                    ErrorMessage = "Pick a rating from 1 to 5.",
                    Choices = [new("5 - Great", "5"), new("4 - Good", "4"), new("3 - OK", "3"), new("2 - Poor", "2"), new("1 - Bad", "1")],
                },
                new InputText { Id = RatingCommentInput, Label = "Anything to add (optional)", IsMultiline = true, MaxLength = Ticket.MaxReasonLength },
            ],
            Actions = [ActionExecute.Create("Send rating", RateVerb, about)],
        },
    };

    private static ActionShowCard StillBroken(About about) => new()
    {
        Title = "Still broken",
        Card = new AdaptiveCard
        {
            Body = [new InputText { Id = StillBrokenInput, Label = "What is still wrong (optional)", IsMultiline = true, MaxLength = Ticket.MaxReasonLength }],
            Actions = [ActionExecute.Create("Reopen it", ReopenVerb, about)],
        },
    };

    internal static ActionExecute WithStyle(ActionExecute action, ActionStyle style)
    {
        action.Style = style;
        return action;
    }
}

using HelpdeskBot.Catalog;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Requests;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Agents;

/// <summary>
/// A ticket as its queue channel shows it, one thread per ticket: who asked, how urgent, when it is due (amber at the
/// warning, red at the breach), what happened before, and the agents' actions. The same card for every agent,
/// replaced in place as the ticket changes and refreshed (<c>queue.refresh</c>) when an agent opens it.
/// </summary>
public static class QueueCard
{
    public const string TakeVerb = "queue.take";
    public const string AssignVerb = "queue.assign";
    public const string ResolveVerb = "queue.resolve";
    public const string PriorityVerb = "queue.priority";
    public const string ApproverVerb = "queue.approver";
    public const string RefreshVerb = "queue.refresh";
    public const string ChatVerb = "queue.chat";
    public const string AssigneeInput = "assignee";
    public const string ResolutionInput = "resolution";
    public const string PriorityInput = "priority";
    public const string ApproverInput = "approver";

    private const int MaxText = 600;

    public static readonly string[] Verbs = [TakeVerb, AssignVerb, ResolveVerb, PriorityVerb, ApproverVerb, RefreshVerb, ChatVerb];

    public sealed record About(string Ticket);

    /// <summary>What the card shows beside the ticket: the people named on it, and the group's agents to assign to.</summary>
    public sealed record Context(
        Person? Requester, string RequesterName, string? AssigneeName, string Group,
        IReadOnlyList<(string Id, string Name)> Agents, string? ApproverName = null, Handoff? Handoff = null, string? ChatAgentName = null);

    public static AdaptiveCard Build(Ticket ticket, Context context, string? notice = null, string? error = null)
    {
        var requester = context.Requester is { } person
            ? string.Join(" · ", new[] { context.RequesterName, person.Department, person.Location }.Where(p => p is { Length: > 0 }))
            : context.RequesterName;
        var card = new AdaptiveCard
        {
            FallbackText = $"{ticket.Number} — {ticket.Title}",
            Body =
            [
                IntakeCard.Text($"{ticket.Number} — {ticket.Title}", t => { t.Size = TextSize.Medium; t.Weight = TextWeight.Bolder; }),
                new FactSet(
                    ("Requester", requester),
                    ("Priority", ticket.Priority.ToString()),
                    ("State", TicketText.State(ticket.State)),
                    ("Assigned to", context.AssigneeName ?? "nobody yet"),
                    ("Group", context.Group)),
            ],
        };
        if (notice is not null)
        {
            card.Body.Insert(1, IntakeCard.Text(notice, t => t.Color = TextColor.Good));
        }

        if (error is not null)
        {
            card.Body.Insert(1, IntakeCard.Text(error, t => t.Color = TextColor.Attention));
        }

        AddDue(card, "First response", ticket.FirstResponseDueAt, ticket.FirstRespondedAt is not null, ticket.FirstResponseWarned, ticket.FirstResponseBreached);
        AddDue(card, "Resolution", ticket.ResolutionDueAt, ticket.ResolvedAt is not null, ticket.ResolutionWarned, ticket.ResolutionBreached);
        if (ticket.Approval == ApprovalState.Pending)
        {
            var stuck = ticket.Journal.LastOrDefault(e => e.Kind is JournalKind.ApprovalStuck or JournalKind.ApproverChanged) is { Kind: JournalKind.ApprovalStuck } s ? s : null;
            card.Body.Add(IntakeCard.Text(stuck is not null
                ? $"Approval stuck: {stuck.Text ?? "the approver cannot be reached"}. Name another approver below."
                : $"Waiting for approval by {context.ApproverName ?? ticket.ApproverId ?? "nobody yet"}.",
                t => t.Color = stuck is not null ? TextColor.Attention : TextColor.Default));
        }

        if (context.Handoff is { IsOpen: true } handoff)
        {
            card.Body.Insert(1, IntakeCard.Text(handoff.State == HandoffState.Active
                ? $"💬 In a live chat with {context.ChatAgentName ?? "an agent"}: reply in this thread."
                : $"💬 Waiting for a chat since {TicketText.Time(handoff.RequestedAt)}{(handoff.FlaggedAt is not null ? ": nobody picked it up within the response target" : "")}.",
                t => { t.Weight = TextWeight.Bolder; t.Color = handoff.FlaggedAt is not null ? TextColor.Attention : TextColor.Accent; }));
        }

        if (ticket.Description is { Length: > 0 } description)
        {
            card.Body.Add(IntakeCard.Text("What happened before", t => t.Weight = TextWeight.Bolder));
            card.Body.Add(IntakeCard.Text(description.Shorten(MaxText), _ => { }, Spacing.None));
        }

        if (ticket.Rating is { } rating)
        {
            card.Body.Add(IntakeCard.Text($"Rated {rating}/5{(ticket.RatingComment is { } said ? $": {said.Shorten(200)}" : "")}", t => t.IsSubtle = true));
        }

        card.Actions = Actions(ticket, context);
        card.Refresh = new CardRefresh(
            ActionExecute.Create("Refresh", RefreshVerb, new About(ticket.Number)),
            [.. context.Agents.Select(a => a.Id).Take(CardRefresh.MaxUserIds)]);
        return card;
    }

    private static void AddDue(AdaptiveCard card, string target, DateTimeOffset? due, bool met, bool warned, bool breached)
    {
        if (due is not { } at)
        {
            return;
        }

        var (text, color) = met ? ("met", TextColor.Good)
            : breached ? ("BREACHED", TextColor.Attention)
            : warned ? ("due soon", TextColor.Warning)
            : ("on track", TextColor.Default);
        card.Body.Add(IntakeCard.Text($"{target} due {TicketText.Time(at)} ({text})", t => t.Color = color, Spacing.None));
    }

    private static List<CardAction> Actions(Ticket ticket, Context context)
    {
        if (TicketTransitions.IsFinal(ticket.State) || ticket.State == TicketState.Resolved)
        {
            return [];
        }

        var about = new About(ticket.Number);
        List<CardAction> actions = [];
        if (ticket.AssigneeId is null)
        {
            actions.Add(ActionExecute.Create("Take", TakeVerb, about));
        }

        if (context.Handoff is { State: HandoffState.Waiting })
        {
            actions.Insert(0, ActionExecute.Create("Chat with requester", ChatVerb, about));
        }

        if (context.Agents.Count > 0)
        {
            actions.Add(ShowCard("Assign to…", new InputChoiceSet
            {
                Id = AssigneeInput, Label = "Agent", IsRequired = true, ErrorMessage = "Pick an agent.",
                Choices = [.. context.Agents.Select(a => new Choice(a.Name, a.Id))],
            }, ActionExecute.Create("Assign", AssignVerb, about)));
        }

        actions.Add(ShowCard("Resolve…", new InputText
        {
            Id = ResolutionInput, Label = "Resolution note (the requester sees it)", IsMultiline = true, IsRequired = true,
            MaxLength = Ticket.MaxReasonLength, ErrorMessage = "Say what fixed it.",
        }, ActionExecute.Create("Resolve", ResolveVerb, about)));
        actions.Add(ShowCard("Change priority", new InputChoiceSet
        {
            Id = PriorityInput, Label = "Priority", IsRequired = true, Value = ticket.Priority.ToString(), ErrorMessage = "Pick a priority.",
            Choices = [.. Enum.GetValues<TicketPriority>().Select(p => new Choice(p.ToString(), p.ToString()))],
        }, ActionExecute.Create("Change", PriorityVerb, about)));
        if (ticket.Approval == ApprovalState.Pending)
        {
            actions.Add(ShowCard("Name another approver", new InputText
            {
                Id = ApproverInput, Label = "Approver's email", IsRequired = true, MaxLength = PersonEmail.MaxLength,
                ErrorMessage = "Enter the approver's email.",
            }, ActionExecute.Create("Name approver", ApproverVerb, about)));
        }

        return actions;
    }

    private static ActionShowCard ShowCard(string title, CardInput input, ActionExecute submit) =>
        new() { Title = title, Card = new AdaptiveCard { Body = [input], Actions = [submit] } };
}

using System.Text.Json;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Requests;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Agents;

/// <summary>
/// The queue card's buttons: Take, Assign to…, Resolve…, Change priority, Name another approver, and the card's
/// refresh. Only an agent (<see cref="AgentDirectory"/>) changes anything; anyone else is told so politely. The card
/// answered is the ticket as it stands after the press, for the presser; everyone else's copy is replaced through
/// the ticket's change (<see cref="QueueNotifier"/>).
/// </summary>
public sealed class AgentActions(
    TicketService tickets, AgentDirectory agents, QueueCards cards, PeopleDirectory people, Handoffs handoffs, ILogger<AgentActions> logger)
{
    public const string NotAnAgent = "Only the service desk's agents can do that, so nothing was changed.";

    public static bool Handles(string? verb) => verb is not null && QueueCard.Verbs.Contains(verb);

    public async Task<AdaptiveCard> ExecuteAsync(string? userId, string verb, JsonElement? data, CancellationToken cancellationToken)
    {
        var number = CardData.String(data, "ticket");
        var ticket = number is { Length: > 0 and <= 16 } ? await tickets.FindByNumberAsync(number, cancellationToken) : null;
        if (ticket is null)
        {
            return RequestErrorCard.Build($"There is no ticket {number}.");
        }

        if (userId is not { Length: > 0 and <= Person.MaxIdLength } agentId
            || !await agents.IsAgentAsync(agentId, QueueDirectory.GroupOf(ticket.AssignmentGroup), cancellationToken))
        {
            if (verb != QueueCard.RefreshVerb)
            {
                logger.LogWarning("{UserId}, who is not an agent, pressed {Verb} on {TicketNumber}: refused", userId, verb, ticket.Number);
            }

            return await cards.BuildAsync(ticket, error: verb == QueueCard.RefreshVerb ? null : NotAnAgent, cancellationToken: cancellationToken);
        }

        string? notice = null;
        try
        {
            notice = verb switch
            {
                QueueCard.TakeVerb => await TakeAsync(ticket, agentId, cancellationToken),
                QueueCard.ChatVerb => await ChatAsync(ticket, agentId, cancellationToken),
                QueueCard.AssignVerb => await AssignAsync(ticket, agentId, CardData.String(data, QueueCard.AssigneeInput), cancellationToken),
                QueueCard.ResolveVerb => await ResolveAsync(ticket, agentId, CardData.String(data, QueueCard.ResolutionInput), cancellationToken),
                QueueCard.PriorityVerb => Enum.TryParse<TicketPriority>(CardData.String(data, QueueCard.PriorityInput), ignoreCase: true, out var priority) && Enum.IsDefined(priority)
                    ? await Done(tickets.ChangePriorityAsync(ticket.Number, priority, agentId, cancellationToken), $"Priority is now {priority}.")
                    : throw new ArgumentException("Pick a priority from P1 to P4."),
                QueueCard.ApproverVerb => await Done(tickets.ChangeApproverAsync(ticket.Number, CardData.String(data, QueueCard.ApproverInput)?.Trim() ?? "", agentId,
                    "named by the service desk", cancellationToken), "The new approver has been asked."),
                _ => null,
            };
        }
        catch (TicketTakenException taken)
        {
            notice = $"{await people.NameOfAsync(taken.OwnerId, "Another agent", cancellationToken)} has it.";
        }
        catch (Exception e) when (e is ArgumentException or TicketStateException or TicketAccessException)
        {
            return await cards.BuildAsync(ticket, error: e.Message, cancellationToken: cancellationToken);
        }

        var now = (await tickets.FindByNumberAsync(ticket.Number, cancellationToken))!;
        return await cards.BuildAsync(now, notice, cancellationToken: cancellationToken);
    }

    /// <summary>Take: exactly one of the agents pressing it at once gets it (the save is conditional on the version read).</summary>
    public async Task<string> TakeAsync(Ticket ticket, string agentId, CancellationToken cancellationToken)
    {
        var taken = await tickets.TakeAsync(ticket.Number, agentId, cancellationToken);
        logger.LogInformation("Ticket {TicketNumber} taken by {AgentId}", taken.Number, agentId);
        if (await handoffs.FindAsync(taken.Number, cancellationToken) is { State: HandoffState.Waiting })
        {
            return $"{taken.Number} is yours. {await handoffs.JoinAsync(taken.Number, agentId, cancellationToken)}";
        }

        return $"{taken.Number} is yours.";
    }

    /// <summary>"Chat with requester": the agent joins the chat (and takes the ticket if nobody has it).</summary>
    private async Task<string> ChatAsync(Ticket ticket, string agentId, CancellationToken cancellationToken)
    {
        if (ticket.AssigneeId is null)
        {
            await tickets.TakeAsync(ticket.Number, agentId, cancellationToken);
        }

        return await handoffs.JoinAsync(ticket.Number, agentId, cancellationToken);
    }

    private async Task<string> AssignAsync(Ticket ticket, string agentId, string? assignee, CancellationToken cancellationToken)
    {
        if (assignee is not { Length: > 0 and <= Person.MaxIdLength }
            || !await agents.IsAgentAsync(assignee, QueueDirectory.GroupOf(ticket.AssignmentGroup), cancellationToken))
        {
            throw new ArgumentException("Pick an agent of the group to assign it to.");
        }

        await tickets.AssignAsync(ticket.Number, null, assignee, agentId, cancellationToken);
        return $"Assigned to {await people.NameOfAsync(assignee, assignee, cancellationToken)}.";
    }

    /// <summary>Resolve with a note the requester sees; a ticket nobody had yet becomes the resolver's first.</summary>
    public async Task<string> ResolveAsync(Ticket ticket, string agentId, string? note, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new ArgumentException("Say what fixed it: the requester sees the resolution note.");
        }

        if (ticket.AssigneeId is null)
        {
            await tickets.TakeAsync(ticket.Number, agentId, cancellationToken);
        }

        await tickets.ChangeStateAsync(ticket.Number, TicketState.Resolved, agentId, note.Trim(), cancellationToken);
        return $"{ticket.Number} is resolved; the requester can rate it.";
    }

    private static async Task<string> Done(Task change, string notice)
    {
        await change;
        return notice;
    }
}

namespace HelpdeskBot.Tickets;

/// <summary>The ticket lifecycle in one table, and the words used to refuse a move it does not allow.</summary>
public static class TicketTransitions
{
    /// <summary>
    /// Every legal move. Resolved -> Reopened only within the reopen window; Assigned and InProgress not while an
    /// approval is pending (see <see cref="Refusal"/>). Closed and Cancelled are final.
    /// </summary>
    public static IReadOnlyDictionary<TicketState, TicketState[]> Allowed { get; } = new Dictionary<TicketState, TicketState[]>
    {
        [TicketState.New] = [TicketState.Assigned, TicketState.InProgress, TicketState.Cancelled],
        [TicketState.Assigned] = [TicketState.InProgress, TicketState.Pending, TicketState.Resolved, TicketState.Cancelled],
        [TicketState.InProgress] = [TicketState.Pending, TicketState.Resolved, TicketState.Cancelled],
        [TicketState.Pending] = [TicketState.InProgress, TicketState.Resolved, TicketState.Cancelled],
        [TicketState.Resolved] = [TicketState.Closed, TicketState.Reopened],
        [TicketState.Reopened] = [TicketState.Assigned, TicketState.InProgress, TicketState.Pending, TicketState.Resolved, TicketState.Cancelled],
        [TicketState.Closed] = [],
        [TicketState.Cancelled] = [],
    };

    public static bool IsAllowed(TicketState from, TicketState to) => Allowed[from].Contains(to);

    public static bool IsFinal(TicketState state) => state is TicketState.Closed or TicketState.Cancelled;

    /// <summary>States in which the resolution clock stands still: waiting on the user or a vendor, or awaiting closure.</summary>
    public static bool PausesResolution(TicketState state) => state is TicketState.Pending or TicketState.Resolved;

    /// <summary>Why <paramref name="ticket"/> cannot move to <paramref name="to"/> now, or null when it can.</summary>
    public static string? Refusal(Ticket ticket, TicketState to, TimeSpan reopenWindow, DateTimeOffset now)
    {
        var (number, from) = (ticket.Number, ticket.State);
        if (IsFinal(from))
        {
            return $"{number} is {Name(from)}; a {Name(from).ToLowerInvariant()} ticket cannot be {Verb(to)}.";
        }

        if (!IsAllowed(from, to))
        {
            var options = Allowed[from].Select(Verb).ToList();
            var choices = options.Count == 1 ? options[0] : $"{string.Join(", ", options[..^1])} or {options[^1]}";
            return $"{number} is {Name(from)}; it can be {choices}, not {Verb(to)}.";
        }

        if (to == TicketState.Reopened && ticket.ResolvedAt is { } resolvedAt && now - resolvedAt > reopenWindow)
        {
            return $"{number} was resolved on {resolvedAt:yyyy-MM-dd HH:mm} UTC and could be reopened until "
                + $"{resolvedAt + reopenWindow:yyyy-MM-dd HH:mm} UTC; please open a new ticket.";
        }

        if (ticket.Approval == ApprovalState.Pending && to is TicketState.Assigned or TicketState.InProgress)
        {
            return $"{number} is waiting for approval; it cannot be {Verb(to)} until it is approved.";
        }

        return null;
    }

    public static string Name(TicketState state) => state == TicketState.InProgress ? "In progress" : state.ToString();

    private static string Verb(TicketState to) => to switch
    {
        TicketState.New => "made new",
        TicketState.Assigned => "assigned",
        TicketState.InProgress => "worked on",
        TicketState.Pending => "put on hold",
        _ => to.ToString().ToLowerInvariant(),
    };
}

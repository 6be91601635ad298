namespace HelpdeskBot.Tickets;

/// <summary>The ITIL lifecycle; the legal moves between states are in <see cref="TicketTransitions"/>.</summary>
public enum TicketState
{
    New,
    Assigned,
    InProgress,
    Pending,
    Resolved,
    Closed,
    Cancelled,
    Reopened,
}

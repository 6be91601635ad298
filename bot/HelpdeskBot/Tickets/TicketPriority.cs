namespace HelpdeskBot.Tickets;

/// <summary>P1 (critical) to P4 (low), from impact and urgency through the <see cref="PriorityMatrix"/>.</summary>
public enum TicketPriority
{
    P1 = 1,
    P2 = 2,
    P3 = 3,
    P4 = 4,
}

namespace HelpdeskBot.Tickets;

/// <summary>Someone acting on a ticket that is not theirs to act on (another user's ticket, a forged approver).</summary>
public sealed class TicketAccessException(string message) : InvalidOperationException(message);

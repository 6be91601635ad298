namespace HelpdeskBot.Tickets;

/// <summary>A move the ticket's lifecycle does not allow; the message says why, in words a requester can read.</summary>
public sealed class TicketStateException(string message) : InvalidOperationException(message);

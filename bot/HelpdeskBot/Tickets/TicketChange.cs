namespace HelpdeskBot.Tickets;

/// <summary>One journalled change to a ticket, as published to <see cref="ITicketEvents"/> after it is saved.</summary>
public sealed record TicketChange(
    string TicketNumber, JournalKind Kind, string Actor, string? From, string? To, string? Text, DateTimeOffset At,
    string RequesterId, TicketState State);

namespace HelpdeskBot.Tickets;

/// <summary>A ticket's SLA target reaching its warning share or its due time (published once per ticket and target).</summary>
public sealed record SlaAlert(
    string TicketNumber, SlaTarget Target, SlaLevel Level, DateTimeOffset? DueAt, DateTimeOffset At,
    string RequesterId, string? AssignmentGroup, string? AssigneeId);

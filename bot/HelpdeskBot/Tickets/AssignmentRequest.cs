namespace HelpdeskBot.Tickets;

/// <summary>The body of <c>POST /api/tickets/{number}/assignment</c>: a group, an agent's id, or both (an omitted one is kept).</summary>
public sealed record AssignmentRequest(string? Group, string? AssigneeId);

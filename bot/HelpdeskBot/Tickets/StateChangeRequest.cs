namespace HelpdeskBot.Tickets;

/// <summary>The body of <c>POST /api/tickets/{number}/state</c>: the state to move to ("InProgress", "in-progress"...) and an optional note for the journal.</summary>
public sealed record StateChangeRequest(string? State, string? Note);

namespace HelpdeskBot.Tickets;

/// <summary>
/// <c>POST /api/tickets/{number}/approver</c>: who approves now (a Teams id, or an email in the people directory) and,
/// optionally, why (journalled).
/// </summary>
public sealed record ApproverChangeRequest(string? Approver, string? Reason);

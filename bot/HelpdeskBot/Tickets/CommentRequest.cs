namespace HelpdeskBot.Tickets;

/// <summary>The body of <c>POST /api/tickets/{number}/comments</c>.</summary>
public sealed record CommentRequest(string? Text);

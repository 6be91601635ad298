namespace HelpdeskBot.Knowledge;

/// <summary>The body of <c>POST /api/kb/search</c>: the question and how many hits at most.</summary>
public sealed record SearchRequest(string? Q, int? Top);

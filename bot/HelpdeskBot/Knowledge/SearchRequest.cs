namespace HelpdeskBot.Knowledge;

/// <summary>
/// The body of <c>POST /api/kb/search</c>: the question, how many hits at most, and whether a decline is recorded as
/// a knowledge gap (yes unless false).
/// </summary>
public sealed record SearchRequest(string? Q, int? Top, bool? Record);

namespace HelpdeskBot.Knowledge;

/// <summary>
/// <c>GET /api/kb/status</c>: the published articles and sections the search index holds, how many sections still wait
/// for their vector, and the sentence model (both null when the semantic stage is off).
/// </summary>
public sealed record KnowledgeStatus(int Articles, int Sections, int? SectionsWaitingForVectors, string? Model);

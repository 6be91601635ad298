using HelpdeskBot.Knowledge.Search;

namespace HelpdeskBot.Knowledge;

/// <summary>One search result of <c>GET /api/kb/search</c>.</summary>
public sealed record ArticleSearchHit(string Id, string Title, double Score, double Confidence, string Snippet)
{
    public static ArticleSearchHit From(KnowledgeHit hit) => new(hit.ArticleId, hit.Title, hit.Score, hit.Confidence, hit.Snippet);
}

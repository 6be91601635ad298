namespace HelpdeskBot.Knowledge.Search;

/// <summary>An article that answers a question, with the section that answers it best.</summary>
public sealed record KnowledgeHit(
    string ArticleId,
    string Title,
    int SectionOrdinal,
    string SectionHeading,
    string Snippet,
    double Score,
    double Confidence);

/// <summary>
/// What search found. <see cref="Declined"/> means the knowledge base does not cover the question: better nothing
/// than a wrong article. <see cref="BelowThreshold"/> holds the nearest articles that fell short, when the search was
/// asked for them.
/// </summary>
public sealed record KnowledgeSearchResult(string Question, IReadOnlyList<KnowledgeHit> Hits, IReadOnlyList<KnowledgeHit> BelowThreshold)
{
    public bool Declined => Hits.Count == 0;

    public KnowledgeHit? Best => Hits.FirstOrDefault();
}

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// Which concepts of a question gather the candidate sections. FTS5 computes BM25 for every section the match
/// expression finds before keeping the best 60, so a word found in a large share of a large knowledge base
/// ("click", "windows") makes a query score most of the base: a 40-word question matched 84% of 45,000 sections.
/// As in a common-terms query, such words do not gather candidates when rarer concepts of the question can; they
/// still count in the ranking's coverage of the candidates. Bases under <see cref="MinSections"/> sections (the
/// sample base) are never affected.
/// </summary>
public static class CommonTerms
{
    public const int MinSections = 1000;
    public const double MinShare = 0.02;

    public static IReadOnlyList<QueryConcept> Rarer(IReadOnlyList<QueryConcept> concepts, Vocabulary vocabulary)
    {
        var common = Math.Max(MinSections, vocabulary.SectionCount * MinShare);
        var rarer = concepts.Where(c => MostSections(c, vocabulary) <= common).ToList();
        // Rarer words that the index does not hold gather nothing: then every concept gathers, as before.
        return rarer.Any(c => MostSections(c, vocabulary) > 0) ? rarer : concepts;
    }

    // An alternative is in at most as many sections as its rarest word; a concept in at most the sum of its alternatives.
    private static long MostSections(QueryConcept concept, Vocabulary vocabulary) =>
        concept.StemmedAlternatives.Sum(a => (long)a.Min(vocabulary.SectionsWithStem));
}

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// Which concepts of a question gather the candidate sections. FTS5 computes BM25 for every section the match
/// expression finds before keeping the best few, so a word found in a large share of a large knowledge base
/// ("click", "windows") makes a query score most of the base: a 40-word question matched 84% of 45,000 sections.
/// As in a common-terms query, such words do not gather candidates when rarer concepts of the question can; they
/// still count in the ranking's coverage of the candidates. When every known concept is common, the sections that
/// mention the two rarest together gather (or, when none does, those that mention the rarest). Bases under
/// <see cref="MinSections"/> sections (the sample base) are never affected.
/// </summary>
public static class CommonTerms
{
    public const int MinSections = 1000;
    public const double MinShare = 0.02;

    /// <summary>The ways to gather, best first: the first that finds any section is used.</summary>
    public static IEnumerable<string> Gatherings(IReadOnlyList<QueryConcept> concepts, Vocabulary vocabulary)
    {
        var common = Math.Max(MinSections, vocabulary.SectionCount * MinShare);
        var counted = concepts.Select(c => (Concept: c, Sections: MostSections(c, vocabulary))).ToList();
        var known = counted.Where(x => x.Sections > 0).OrderBy(x => x.Sections).Select(x => x.Concept).ToList();
        if (known.Count == 0)
        {
            yield return AnyOf(concepts); // nothing the index holds: finds nothing, at no cost
        }
        else if (counted.Any(x => x.Sections is > 0 && x.Sections <= common))
        {
            yield return AnyOf(counted.Where(x => x.Sections <= common).Select(x => x.Concept));
        }
        else
        {
            if (known.Count > 1)
            {
                yield return $"({AnyOf(known.Take(1))}) AND ({AnyOf(known.Skip(1).Take(1))})";
            }

            yield return AnyOf(known.Take(1));
        }
    }

    // Every alternative of the concepts, as a quoted phrase ORed together: user text never reaches FTS5 as syntax.
    internal static string AnyOf(IEnumerable<QueryConcept> concepts) =>
        string.Join(" OR ", concepts.SelectMany(c => c.Alternatives).Select(a => $"\"{string.Join(' ', a)}\"").Distinct());

    // An alternative is in at most as many sections as its rarest word; a concept in at most the sum of its alternatives.
    private static long MostSections(QueryConcept concept, Vocabulary vocabulary) =>
        concept.StemmedAlternatives.Sum(a => (long)a.Min(vocabulary.SectionsWithStem));
}

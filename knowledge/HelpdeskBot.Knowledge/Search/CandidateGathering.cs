using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// Which sections of the base Lucene scores for a question (BM25 over title 8, tags 5, heading 3, body 1). Lucene
/// scores every section a query matches before keeping the best few, so a query must not match a large share of a
/// large base ("contoso" alone matched 257,000 of 447,000 sections). The query is therefore built to find about
/// <see cref="Budget"/> sections, estimated from the vocabulary's section counts:
/// <list type="number">
/// <item>the rarest concepts, ORed, as many as fit the budget (in a base smaller than the budget: all of them, so the
/// sample base is ranked by plain BM25 over the whole question);</item>
/// <item>then sections that mention two of the commoner concepts together (a section with two of the question's
/// concepts outranks one with a single common one), the pairs expected to be smallest first, while they fit;</item>
/// <item>when nothing fits (every concept and every pair is common), all known concepts ANDed, then the two rarest,
/// then the rarest alone.</item>
/// </list>
/// Common concepts left out still count in the ranking of what was gathered. Estimates assume words occur
/// independently; where they do not, <see cref="MaxScored"/> caps what one expression scores.
/// </summary>
public static class CandidateGathering
{
    /// <summary>About how many sections an expression should find.</summary>
    public const int Budget = 2000;

    // Pairs are formed among this many of the commoner concepts, rarest first (a 40-word question has 30 concepts):
    // Lucene steps through both lists of every pair.
    private const int PairedConcepts = 4;

    /// <summary>The ways to gather, best first: the first that finds any section is used.</summary>
    public static IEnumerable<Query> Queries(IReadOnlyList<QueryConcept> concepts, Vocabulary vocabulary) => Queries(concepts, vocabulary, null);

    /// <summary>
    /// The same, each single-term query given the term's states in the index (<paramref name="termStates"/>, from the
    /// searcher that will run it) so Lucene need not look the term up in every segment again: the same scores, faster.
    /// </summary>
    public static IEnumerable<Query> Queries(IReadOnlyList<QueryConcept> concepts, Vocabulary vocabulary, Func<Term, TermContext?>? termStates)
    {
        // An alternative is in at most as many sections as its rarest word; a concept in at most the sum of its alternatives.
        var known = concepts
            .Select(c => Gathered.Of(c, vocabulary))
            .Where(x => x.Sections > 0)
            .OrderBy(x => x.Sections)
            .ToList();
        if (known.Count == 0)
        {
            yield break; // nothing the index holds
        }

        long expected = 0;
        var rare = known.TakeWhile(x => (expected += x.Sections) <= Budget).ToList();
        if (rare.Count == known.Count || vocabulary.SectionCount <= Budget)
        {
            yield return AnyOf(termStates, known);
            yield break;
        }

        var found = rare.Sum(x => x.Sections);
        var parts = new List<Query>();
        if (rare.Count > 0) parts.Add(AnyOf(termStates, rare));
        var common = known.Skip(rare.Count).Take(PairedConcepts).ToList();
        var pairs =
            from i in Enumerable.Range(0, common.Count)
            from j in Enumerable.Range(i + 1, common.Count - i - 1)
            let size = (double)common[i].Sections * common[j].Sections / vocabulary.SectionCount
            orderby size
            select (First: common[i], Second: common[j], Size: size);
        foreach (var pair in pairs)
        {
            if (found + pair.Size > Budget) break;
            found += (long)Math.Ceiling(pair.Size);
            parts.Add(AllOf(termStates, [pair.First, pair.Second]));
        }

        if (parts.Count > 0)
        {
            var either = new BooleanQuery();
            parts.ForEach(p => either.Add(p, Occur.SHOULD));
            yield return either;
        }

        if (known.Count > 2)
        {
            yield return AllOf(termStates, known.Take(3));
        }

        if (known.Count > 1)
        {
            yield return AllOf(termStates, known.Take(2));
        }

        yield return AnyOf(termStates, [known[0]]);
    }

    private static readonly (string Field, float Weight)[] Fields =
    [
        (KnowledgeIndex.TitleField, 8), (KnowledgeIndex.TagsField, 5), (KnowledgeIndex.HeadingField, 3), (KnowledgeIndex.BodyField, 1),
    ];

    // Any alternative of any of the concepts, each a phrase of stems, in any field (user text never reaches Lucene as syntax).
    private static BooleanQuery AnyOf(Func<Term, TermContext?>? termStates, IEnumerable<Gathered> concepts)
    {
        var any = new BooleanQuery();
        foreach (var stems in concepts.SelectMany(c => c.Alternatives).Select(a => a.Select(Stems.Of).ToArray()).DistinctBy(a => string.Join(' ', a)))
        {
            foreach (var (field, weight) in Fields)
            {
                Query query;
                if (stems.Length == 1)
                {
                    var term = new Term(field, stems[0]);
                    query = termStates?.Invoke(term) is { } states ? new TermQuery(term, states) : new TermQuery(term);
                }
                else
                {
                    var phrase = new PhraseQuery();
                    foreach (var stem in stems) phrase.Add(new Term(field, stem));
                    query = phrase;
                }

                query.Boost = weight;
                any.Add(query, Occur.SHOULD);
            }
        }

        return any;
    }

    // Every concept: a section must hold each of them, in any of its forms.
    private static BooleanQuery AllOf(Func<Term, TermContext?>? termStates, IEnumerable<Gathered> concepts)
    {
        var all = new BooleanQuery();
        foreach (var concept in concepts)
        {
            all.Add(AnyOf(termStates, [concept]), Occur.MUST);
        }

        return all;
    }

    /// <summary>
    /// A concept as it gathers: its own words and those of its other alternatives that are in few sections. For each
    /// section it scores, BM25 costs a little per alternative, and far more for a phrase with a common word ("hand
    /// in"), whose positions must be compared: such a phrase gathers by its rarest word (ranking counts all its words).
    /// Common synonyms do not gather; they still count when the candidates are ranked.
    /// </summary>
    private sealed record Gathered(IReadOnlyList<string[]> Alternatives, long Sections)
    {
        public static Gathered Of(QueryConcept concept, Vocabulary vocabulary)
        {
            var counted = concept.Alternatives
                .Select((words, i) =>
                {
                    var counts = concept.StemmedAlternatives[i].Select(vocabulary.SectionsWithStem).ToArray();
                    var rarest = Array.IndexOf(counts, counts.Min());
                    return (Words: counts.Max() > Budget ? [words[rarest]] : words, Sections: (long)counts[rarest], Own: i == 0);
                })
                .Where(a => a.Sections > 0)
                .ToList();
            var kept = counted.Where(a => a.Own || a.Sections <= Budget).ToList();
            if (kept.Count == 0 && counted.Count > 0) kept = [counted.MinBy(a => a.Sections)];
            return new Gathered([.. kept.Select(a => a.Words)], kept.Sum(a => a.Sections));
        }
    }
}

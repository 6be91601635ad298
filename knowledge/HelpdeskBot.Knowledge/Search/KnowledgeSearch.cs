using HelpdeskBot.Knowledge.Search.Semantic;
using HelpdeskBot.Knowledge.Storage;
using Lucene.Net.Search;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// Finds the published articles that answer a question. Lucene BM25 over sections (title, tags and heading weigh more
/// than body) gathers candidates (see <see cref="CandidateGathering"/>), and with the <see cref="SemanticStage"/> the
/// sections nearest to the question by the sentence model join them; each candidate is then judged per concept of the
/// question (how much of it, weighted by IDF, its best section and its title cover) and by its similarity of meaning.
/// Whether to answer at all is <see cref="AnswerConfidence"/>: a question the knowledge base does not cover is declined
/// rather than answered with whatever shares its common words.
/// </summary>
public sealed class KnowledgeSearch(
    KnowledgeDbContext db, KnowledgeIndex index, QueryAnalyzer analyzer, IOptions<KnowledgeSearchOptions> options, SemanticStage? semantic = null)
{
    private const int Candidates = 50;

    public async Task<KnowledgeSearchResult> SearchAsync(string question, int top, CancellationToken cancellationToken)
    {
        question ??= "";
        await index.CatchUpAsync(db, cancellationToken); // a change made by another instance
        var meaning = Meaning(question, cancellationToken);
        return index.Search((searcher, vocabulary) =>
        {
            var (ranked, concepts) = Rank(searcher, vocabulary, question, meaning, explain: false);
            var min = options.Value.MinConfidence;
            var hits = ranked.Select(r => r.Hit).Where(h => h.Confidence >= min).Take(Math.Clamp(top, 1, 50)).ToList();
            return new KnowledgeSearchResult(
                question,
                hits.Count == 0 ? hits : ShowAnswerSections(searcher, hits, concepts, vocabulary, AnswerSections.WantsExplanation(question)),
                [.. ranked.Select(r => r.Hit).Where(h => h.Confidence < min).Take(5)]);
        });
    }

    /// <summary>Each hit with the section of its article that answers the question (<see cref="AnswerSections"/>).</summary>
    private static List<KnowledgeHit> ShowAnswerSections(
        IndexSearcher searcher, List<KnowledgeHit> hits, IReadOnlyList<QueryConcept> concepts, Vocabulary vocabulary, bool wantsExplanation)
    {
        var weights = concepts.Select(c => c.Weight(vocabulary)).ToArray();
        var total = Math.Max(weights.Sum(), 1e-9);
        var shown = new List<KnowledgeHit>(hits.Count);
        foreach (var hit in hits)
        {
            var sections = KnowledgeIndex.SectionsOf(searcher, hit.ArticleId);
            var matched = sections.FindIndex(x => x.Ordinal == hit.SectionOrdinal);
            if (matched < 0)
            {
                shown.Add(hit);
                continue;
            }

            var coverage = new double[sections.Count];
            var headingCoverage = new double[sections.Count];
            for (var i = 0; i < sections.Count; i++)
            {
                var (heading, body) = (new TermCounts(sections[i].Heading), new TermCounts(sections[i].Body));
                for (var j = 0; j < concepts.Count; j++)
                {
                    var inHeading = heading.Of(concepts[j]);
                    coverage[i] += weights[j] * Max(inHeading, body.Of(concepts[j])).Presence / total;
                    headingCoverage[i] += weights[j] * inHeading.Presence / total;
                }
            }

            // The snippet is always the chosen section's display text (ranking read only the plain text).
            var chosen = AnswerSections.Choose([.. sections.Select(x => x.Heading)], coverage, headingCoverage, matched, wantsExplanation);
            shown.Add(hit with
            {
                SectionOrdinal = sections[chosen].Ordinal,
                SectionHeading = sections[chosen].Heading,
                Snippet = Snippets.Make(sections[chosen].Display),
            });
        }

        return shown;
    }

    // The question's vector, read before the index is (the model takes a few milliseconds); null without the stage.
    private SectionVectorStore.Query? Meaning(string question, CancellationToken cancellationToken) =>
        semantic?.Prepare(question.Length > QueryAnalyzer.MaxQuestionChars ? question[..QueryAnalyzer.MaxQuestionChars] : question, cancellationToken);

    private (List<RankedHit> Ranked, IReadOnlyList<QueryConcept> Concepts) Rank(
        IndexSearcher searcher, Vocabulary vocabulary, string question, SectionVectorStore.Query? meaning, bool explain)
    {
        var concepts = analyzer.Analyze(question, vocabulary);
        if (concepts.Count == 0)
        {
            return ([], concepts);
        }

        var sections = new List<KnowledgeIndex.StoredSection>();
        foreach (var query in CandidateGathering.Queries(concepts, vocabulary))
        {
            sections = KnowledgeIndex.Top(searcher, query, Candidates);
            if (sections.Count > 0) break;
        }

        Dictionary<(string, int), double>? similarities = null;
        if (meaning is not null && semantic is not null)
        {
            // The sections nearest in meaning join the lexical candidates (a paraphrase may share no word with its article).
            var known = sections.Select(s => (s.ArticleId, s.Ordinal)).ToHashSet();
            foreach (var (hash, _) in semantic.Store.Nearest(meaning, semantic.Nearest))
            {
                sections.AddRange(KnowledgeIndex.WithHash(searcher, hash).Where(s => known.Add((s.ArticleId, s.Ordinal))));
            }

            similarities = [];
            foreach (var section in sections)
            {
                if (semantic.Store.Similarity(meaning, section.Hash) is { } similarity)
                {
                    similarities[(section.ArticleId, section.Ordinal)] = similarity;
                }
            }
        }

        return (Rank(sections, concepts, vocabulary, similarities, explain), concepts);
    }

    /// <summary>
    /// For fitting the confidence model: the best article's evidence for a question, one JSON object (see
    /// knowledge/evaluation/fit-confidence.py).
    /// </summary>
    internal async Task<string> ExplainAsync(string question, CancellationToken cancellationToken)
    {
        await index.CatchUpAsync(db, cancellationToken);
        var meaning = Meaning(question ?? "", cancellationToken);
        var ranked = index.Search((searcher, vocabulary) => Rank(searcher, vocabulary, question ?? "", meaning, explain: true).Ranked);
        return System.Text.Json.JsonSerializer.Serialize(ranked.Select(r => new { r.Hit.ArticleId, r.Evidence, r.Concepts }).FirstOrDefault());
    }

    // Each candidate section is judged per concept (a synonym group or a corrected word counts once, however many of
    // its alternatives a section uses): IDF-weighted coverage of the question, coverage by the article's title and
    // tags, and a BM25F over concepts (title 8, tags 5, heading 3, body 1). An article is as good as its best section.
    private static List<RankedHit> Rank(
        List<KnowledgeIndex.StoredSection> sections, IReadOnlyList<QueryConcept> concepts, Vocabulary vocabulary,
        Dictionary<(string, int), double>? similarities, bool explain)
    {
        if (sections.Count == 0)
        {
            return [];
        }

        var weights = concepts.Select(c => c.Weight(vocabulary)).ToArray();
        var total = weights.Sum();
        var unknown = concepts.Select((c, i) => c.IsKnown(vocabulary) ? 0 : weights[i]).Sum() / total;
        var bodies = sections.Select(s => new TermCounts(s.Body)).ToList();
        var averageLength = Math.Max(1, bodies.Average(b => b.Length));
        // Sections of one article share its title and tags: count those once per article.
        var titles = new Dictionary<string, (TermCounts Title, TermCounts Tags)>(StringComparer.Ordinal);
        var scored = sections.Select((s, index) =>
        {
            if (!titles.TryGetValue(s.ArticleId, out var head))
            {
                titles[s.ArticleId] = head = (new TermCounts(s.Title), new TermCounts(s.Tags));
            }

            var heading = new TermCounts(s.Heading);
            var body = bodies[index];
            double covered = 0, titleCovered = 0, strong = 0, bm25 = 0;
            var details = explain ? new ConceptMatch[concepts.Count] : null;
            for (var i = 0; i < concepts.Count; i++)
            {
                var (inTitle, inTags, inHeading, inBody) =
                    (head.Title.Of(concepts[i]), head.Tags.Of(concepts[i]), heading.Of(concepts[i]), body.Of(concepts[i]));
                covered += weights[i] * Max(inTitle, inTags, inHeading, inBody).Presence;
                titleCovered += weights[i] * Max(inTitle, inTags).Presence;
                strong += weights[i] * (inBody.Count >= 2 ? Max(inTitle, inTags, inHeading, inBody) : Max(inTitle, inTags, inHeading)).Presence;
                if (details is not null)
                {
                    details[i] = new ConceptMatch(concepts[i].Text, Math.Round(weights[i], 3), concepts[i].IsKnown(vocabulary), concepts[i].Corrected,
                        Max(inTitle, inTags).Presence, inHeading.Presence, inBody.Count, inBody.Presence);
                }

                var tf = 8.0 * inTitle.Count + 5.0 * inTags.Count + 3.0 * inHeading.Count + inBody.Count;
                bm25 += weights[i] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * body.Length / averageLength));
            }

            return (Section: s, Coverage: covered / total, TitleCoverage: titleCovered / total, Strong: strong / total, Bm25: bm25, Details: details);
        }).ToList();

        var bestBm25 = Math.Max(scored.Max(x => x.Bm25), 1e-9);
        var articles = scored
            .Select(x =>
            {
                double? similarity = similarities is not null && similarities.TryGetValue((x.Section.ArticleId, x.Section.Ordinal), out var found) ? found : null;
                var score = x.Coverage + 0.3 * x.TitleCoverage + 0.35 * x.Bm25 / bestBm25 + SemanticWeight * (similarity ?? 0);
                return (x.Section, x.Coverage, x.TitleCoverage, x.Strong, x.Details, Similarity: similarity, Score: score);
            })
            .GroupBy(x => x.Section.ArticleId)
            .Select(g => (Best: g.MaxBy(x => x.Score), Similarity: g.Max(x => x.Similarity)))
            .OrderByDescending(x => x.Best.Score)
            .ToList();

        var evidenceScale = Math.Log(1 + vocabulary.SectionCount);
        return [.. articles.Select((a, i) =>
        {
            var x = a.Best;
            var evidence = new AnswerEvidence(
                x.Strong, x.TitleCoverage, x.Score - (i + 1 < articles.Count ? articles[i + 1].Best.Score : 0), unknown,
                Math.Min(4, x.Coverage * total / evidenceScale), a.Similarity);
            return new RankedHit(
                new KnowledgeHit(x.Section.ArticleId, x.Section.Title, x.Section.Ordinal, x.Section.Heading,
                    Snippets.Make(x.Section.Body), Math.Round(x.Score, 4), Math.Round(AnswerConfidence.Of(evidence), 4)),
                evidence, x.Details);
        })];
    }

    /// <summary>
    /// How much a section's similarity of meaning to the question (a cosine) adds to its lexical score. Chosen on the
    /// five labeled sets (2026-12-05): hit@1 0.91-0.95 at 0.4, 0.93-0.97 at 2, no better at 3 or 5 (lexical alone: 0.88-0.93).
    /// </summary>
    private const double SemanticWeight = 2.0;

    private const double K1 = 1.2;
    private const double B = 0.75;

    private sealed record RankedHit(KnowledgeHit Hit, AnswerEvidence Evidence, ConceptMatch[]? Concepts);

    /// <summary>For fitting: how one concept of the question occurs in a candidate section.</summary>
    private sealed record ConceptMatch(
        string Text, double Weight, bool Known, bool Corrected, double InTitle, double InHeading, int BodyCount, double InBody);

    /// <summary>How often each stem occurs in a field; a concept occurs as often as its most frequent alternative.</summary>
    private sealed class TermCounts
    {
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

        public TermCounts(string text)
        {
            foreach (var word in TextTokens.Words(text, int.MaxValue))
            {
                var stem = Stems.Of(word);
                _counts[stem] = _counts.GetValueOrDefault(stem) + 1;
                Length++;
            }
        }

        public int Length { get; }

        /// <summary>
        /// How often the concept occurs, and how surely: the user's own word counts fully, a synonym or a correction
        /// a little less (<see cref="Substitute"/>), so "bitlocker" prefers the BitLocker article to one about "drive encryption".
        /// </summary>
        public Occurrence Of(QueryConcept concept)
        {
            var best = Occurrence.None;
            for (var i = 0; i < concept.StemmedAlternatives.Count; i++)
            {
                var count = int.MaxValue;
                foreach (var stem in concept.StemmedAlternatives[i])
                {
                    count = Math.Min(count, _counts.GetValueOrDefault(stem));
                }

                var presence = count == 0 ? 0 : i == 0 && !concept.Corrected ? 1 : Substitute;
                if (presence > best.Presence || (presence == best.Presence && count > best.Count))
                {
                    best = new Occurrence(count, presence);
                }
            }

            return best;
        }
    }

    private const double Substitute = 0.85;

    private readonly record struct Occurrence(int Count, double Presence)
    {
        public static Occurrence None => new(0, 0);
    }

    private static Occurrence Max(params ReadOnlySpan<Occurrence> occurrences)
    {
        var best = Occurrence.None;
        foreach (var o in occurrences)
        {
            if (o.Presence > best.Presence) best = o;
        }

        return best;
    }
}

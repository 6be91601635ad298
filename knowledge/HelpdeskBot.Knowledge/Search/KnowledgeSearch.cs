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

    /// <summary>The articles that answer <paramref name="question"/>, at most <paramref name="top"/>, best first.</summary>
    public Task<KnowledgeSearchResult> SearchAsync(string question, int top, CancellationToken cancellationToken) =>
        SearchAsync(question, top, belowThreshold: 0, cancellationToken);

    /// <summary>
    /// The same, with up to <paramref name="belowThreshold"/> of the nearest articles under the confidence threshold
    /// (<see cref="KnowledgeSearchResult.BelowThreshold"/>: what an author's report shows of a declined question).
    /// Reading their text costs a good part of a search, so a conversation does not ask for them.
    /// </summary>
    public async Task<KnowledgeSearchResult> SearchAsync(string question, int top, int belowThreshold, CancellationToken cancellationToken)
    {
        question ??= "";
        var meaning = Meaning(question, cancellationToken); // the model runs beside the lexical steps
        await index.CatchUpAsync(db, cancellationToken); // a change made by another instance
        return await index.SearchAsync(async (searcher, vocabulary) =>
        {
            var sections = new IndexedSections(searcher);
            var (ranked, concepts) = await RankAsync(searcher, sections, vocabulary, question, meaning, explain: false);
            var min = options.Value.MinConfidence;
            var answers = ranked.Where(r => r.Confidence >= min).Take(Math.Clamp(top, 1, 50)).ToList();
            return new KnowledgeSearchResult(
                question,
                answers.Count == 0 ? [] : ShowAnswerSections(searcher, sections, answers, concepts, vocabulary, AnswerSections.WantsExplanation(question)),
                [.. ranked.Where(r => r.Confidence < min).Take(Math.Clamp(belowThreshold, 0, 50)).Select(r => r.Hit(searcher))]);
        });
    }

    /// <summary>
    /// Each answer with the section of its article that answers the question (<see cref="AnswerSections"/>). The
    /// sections' counts of the question's words come from the index's postings; only the chosen section's text is read.
    /// </summary>
    private static List<KnowledgeHit> ShowAnswerSections(
        IndexSearcher searcher, IndexedSections sections, List<RankedHit> answers, IReadOnlyList<QueryConcept> concepts, Vocabulary vocabulary,
        bool wantsExplanation)
    {
        var weights = concepts.Select(c => c.Weight(vocabulary)).ToArray();
        var total = Math.Max(weights.Sum(), 1e-9);
        var stems = new QueryStems(concepts);
        var shown = new List<KnowledgeHit>(answers.Count);
        foreach (var answer in answers)
        {
            var article = sections.OfArticle(answer.Section.ArticleId);
            var matched = article.FindIndex(x => x.Ordinal == answer.Section.Ordinal);
            if (matched < 0)
            {
                shown.Add(answer.Hit(searcher));
                continue;
            }

            var counts = sections.Counts([.. article.Select(x => x.Doc)], [KnowledgeIndex.HeadingField, KnowledgeIndex.BodyField], stems.Stems);
            var coverage = new double[article.Count];
            var headingCoverage = new double[article.Count];
            for (var i = 0; i < article.Count; i++)
            {
                for (var j = 0; j < concepts.Count; j++)
                {
                    var inHeading = stems.Of(concepts[j], j, counts[i], 0);
                    coverage[i] += weights[j] * Max(inHeading, stems.Of(concepts[j], j, counts[i], 1)).Presence / total;
                    headingCoverage[i] += weights[j] * inHeading.Presence / total;
                }
            }

            // The snippet is always the chosen section's display text (ranking read only the plain text).
            var headings = article.Select(x => sections.HeadingOf(x.Doc)).ToArray();
            var chosen = article[AnswerSections.Choose(headings, coverage, headingCoverage, matched, wantsExplanation)];
            var text = KnowledgeIndex.Read(searcher, chosen.Doc);
            shown.Add(new KnowledgeHit(
                chosen.ArticleId, text.Title, chosen.Ordinal, text.Heading, Snippets.Make(text.Display), answer.Score, answer.Confidence));
        }

        return shown;
    }

    // The question's vector (null without the stage), computed on another thread while the question is analyzed and
    // the lexical candidates gathered: the model takes a few milliseconds, as long as the rest of the search.
    private Task<SectionVectorStore.Query?> Meaning(string question, CancellationToken cancellationToken) =>
        semantic is null
            ? Task.FromResult<SectionVectorStore.Query?>(null)
            : Task.Run(() => semantic.Prepare(
                question.Length > QueryAnalyzer.MaxQuestionChars ? question[..QueryAnalyzer.MaxQuestionChars] : question, cancellationToken), cancellationToken);

    private async Task<(List<RankedHit> Ranked, IReadOnlyList<QueryConcept> Concepts)> RankAsync(
        IndexSearcher searcher, IndexedSections sections, Vocabulary vocabulary, string question, Task<SectionVectorStore.Query?> meaningTask, bool explain)
    {
        var concepts = analyzer.Analyze(question, vocabulary);
        if (concepts.Count == 0)
        {
            await meaningTask; // its failure is the search's, as when it ran first
            return ([], concepts);
        }

        var candidates = new List<IndexedSections.Section>();
        foreach (var query in CandidateGathering.Queries(concepts, vocabulary, term => KnowledgeIndex.TermStates(searcher, term)))
        {
            candidates = [.. searcher.Search(query, Candidates).ScoreDocs.Select(hit => sections.Of(hit.Doc))];
            if (candidates.Count > 0) break;
        }

        // The lexical candidates' counts are read while the model may still be encoding the question.
        var stems = new QueryStems(concepts);
        var counts = sections.Counts([.. candidates.Select(c => c.Doc)], RankedFields, stems.Stems);
        var meaning = await meaningTask;
        Dictionary<(string, int), double>? similarities = null;
        if (meaning is not null && semantic is not null)
        {
            // The sections nearest in meaning join the lexical candidates (a paraphrase may share no word with its article).
            var known = candidates.Select(s => (s.ArticleId, s.Ordinal)).ToHashSet();
            var joining = new List<IndexedSections.Section>();
            foreach (var (hash, _) in semantic.Store.Nearest(meaning, semantic.Nearest))
            {
                joining.AddRange(sections.WithHash(hash).Where(s => known.Add((s.ArticleId, s.Ordinal))));
            }

            candidates.AddRange(joining);
            counts = [.. counts, .. sections.Counts([.. joining.Select(c => c.Doc)], RankedFields, stems.Stems)];
            similarities = [];
            foreach (var section in candidates)
            {
                if (semantic.Store.Similarity(meaning, section.Hash) is { } similarity)
                {
                    similarities[(section.ArticleId, section.Ordinal)] = similarity;
                }
            }
        }

        return (Rank(candidates, counts, stems, concepts, vocabulary, similarities, explain), concepts);
    }

    /// <summary>
    /// For fitting the confidence model: the best article's evidence for a question, one JSON object (see
    /// knowledge/evaluation/fit-confidence.py).
    /// </summary>
    internal async Task<string> ExplainAsync(string question, CancellationToken cancellationToken)
    {
        await index.CatchUpAsync(db, cancellationToken);
        var meaning = Meaning(question ?? "", cancellationToken);
        var (ranked, _) = await index.SearchAsync((searcher, vocabulary) =>
            RankAsync(searcher, new IndexedSections(searcher), vocabulary, question ?? "", meaning, explain: true));
        return System.Text.Json.JsonSerializer.Serialize(ranked.Select(r => new { r.Section.ArticleId, r.Evidence, r.Concepts }).FirstOrDefault());
    }

    // The fields ranking counts the question's stems in, as IndexedSections.Counts lays them out.
    private static readonly string[] RankedFields =
        [KnowledgeIndex.TitleField, KnowledgeIndex.TagsField, KnowledgeIndex.HeadingField, KnowledgeIndex.BodyField];

    // Each candidate section is judged per concept (a synonym group or a corrected word counts once, however many of
    // its alternatives a section uses): IDF-weighted coverage of the question, coverage by the article's title and
    // tags, and a BM25F over concepts (title 8, tags 5, heading 3, body 1). An article is as good as its best section.
    // How often each stem occurs in each field is read from the index's postings, not from the sections' text.
    // counts[i] are candidates[i]'s counts of the question's stems (IndexedSections.Counts over RankedFields).
    private static List<RankedHit> Rank(
        List<IndexedSections.Section> candidates, int[][] counts, QueryStems stems, IReadOnlyList<QueryConcept> concepts, Vocabulary vocabulary,
        Dictionary<(string, int), double>? similarities, bool explain)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        var weights = concepts.Select(c => c.Weight(vocabulary)).ToArray();
        var total = weights.Sum();
        var unknown = concepts.Select((c, i) => c.IsKnown(vocabulary) ? 0 : weights[i]).Sum() / total;
        var averageLength = Math.Max(1, candidates.Average(c => c.BodyLength));
        var scored = candidates.Select((s, index) =>
        {
            var section = counts[index];
            double covered = 0, titleCovered = 0, strong = 0, bm25 = 0;
            var details = explain ? new ConceptMatch[concepts.Count] : null;
            for (var i = 0; i < concepts.Count; i++)
            {
                var (inTitle, inTags, inHeading, inBody) = (
                    stems.Of(concepts[i], i, section, 0), stems.Of(concepts[i], i, section, 1),
                    stems.Of(concepts[i], i, section, 2), stems.Of(concepts[i], i, section, 3));
                covered += weights[i] * Max(inTitle, inTags, inHeading, inBody).Presence;
                titleCovered += weights[i] * Max(inTitle, inTags).Presence;
                strong += weights[i] * (inBody.Count >= 2 ? Max(inTitle, inTags, inHeading, inBody) : Max(inTitle, inTags, inHeading)).Presence;
                if (details is not null)
                {
                    details[i] = new ConceptMatch(concepts[i].Text, Math.Round(weights[i], 3), concepts[i].IsKnown(vocabulary), concepts[i].Corrected,
                        Max(inTitle, inTags).Presence, inHeading.Presence, inBody.Count, inBody.Presence);
                }

                var tf = 8.0 * inTitle.Count + 5.0 * inTags.Count + 3.0 * inHeading.Count + inBody.Count;
                bm25 += weights[i] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * s.BodyLength / averageLength));
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
            return new RankedHit(x.Section, Math.Round(x.Score, 4), Math.Round(AnswerConfidence.Of(evidence), 4), evidence, x.Details);
        })];
    }

    /// <summary>
    /// How much a section's similarity of meaning to the question (a cosine) adds to its lexical score. Chosen on the
    /// five labeled sets (2026-12-05): hit@1 0.91-0.95 at 0.4, 0.93-0.97 at 2, no better at 3 or 5 (lexical alone: 0.88-0.93).
    /// </summary>
    private const double SemanticWeight = 2.0;

    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>An article as ranked: its best section, score and confidence (rounded as the hit shows them).</summary>
    private sealed record RankedHit(IndexedSections.Section Section, double Score, double Confidence, AnswerEvidence Evidence, ConceptMatch[]? Concepts)
    {
        /// <summary>The hit as returned, its section's text read from the index.</summary>
        public KnowledgeHit Hit(IndexSearcher searcher)
        {
            var text = KnowledgeIndex.Read(searcher, Section.Doc);
            return new KnowledgeHit(Section.ArticleId, text.Title, Section.Ordinal, text.Heading, Snippets.Make(text.Body), Score, Confidence);
        }
    }

    /// <summary>For fitting: how one concept of the question occurs in a candidate section.</summary>
    private sealed record ConceptMatch(
        string Text, double Weight, bool Known, bool Corrected, double InTitle, double InHeading, int BodyCount, double InBody);

    /// <summary>
    /// The question's distinct stems, and each concept's alternatives as positions among them: a section's counts of
    /// those stems in a field (<see cref="IndexedSections.Counts"/>) say how often each concept occurs there.
    /// </summary>
    private sealed class QueryStems
    {
        private readonly int[][][] _alternatives;

        public QueryStems(IReadOnlyList<QueryConcept> concepts)
        {
            var positions = new Dictionary<string, int>(StringComparer.Ordinal);
            var stems = new List<string>();
            _alternatives = [.. concepts.Select(c => c.StemmedAlternatives.Select(a => a.Select(stem =>
            {
                if (!positions.TryGetValue(stem, out var position))
                {
                    positions[stem] = position = stems.Count;
                    stems.Add(stem);
                }

                return position;
            }).ToArray()).ToArray())];
            Stems = stems;
        }

        public IReadOnlyList<string> Stems { get; }

        /// <summary>
        /// How often the concept occurs in field <paramref name="field"/> of a section, and how surely: the user's own
        /// word counts fully, a synonym or a correction a little less (<see cref="Substitute"/>), so "bitlocker" prefers
        /// the BitLocker article to one about "drive encryption". A concept occurs as often as its most frequent alternative.
        /// </summary>
        public Occurrence Of(QueryConcept concept, int conceptIndex, int[] counts, int field)
        {
            var offset = field * Stems.Count;
            var best = Occurrence.None;
            var alternatives = _alternatives[conceptIndex];
            for (var i = 0; i < alternatives.Length; i++)
            {
                var count = int.MaxValue;
                foreach (var stem in alternatives[i])
                {
                    count = Math.Min(count, counts[offset + stem]);
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

using System.Data.Common;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// Finds the published articles that answer a question. FTS5 BM25 over sections (title, tags and heading weigh more
/// than body) gathers candidates; then each candidate is judged by how much of what the question asks about, weighted
/// by IDF, its best section covers. That coverage is the confidence: a question whose telling words the knowledge
/// base never mentions is declined instead of answered with whatever shares its common words.
/// </summary>
public sealed class KnowledgeSearch(
    KnowledgeDbContext db, VocabularyCache vocabularies, QueryAnalyzer analyzer, IOptions<KnowledgeSearchOptions> options)
{
    private const int Candidates = 60;

    public async Task<KnowledgeSearchResult> SearchAsync(string question, int top, CancellationToken cancellationToken)
    {
        question ??= "";
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        var vocabulary = await vocabularies.GetAsync(connection, cancellationToken);
        var concepts = analyzer.Analyze(question, vocabulary);
        if (concepts.Count == 0)
        {
            return new KnowledgeSearchResult(question, [], []);
        }

        var sections = await MatchAsync(connection, CommonTerms.Rarer(concepts, vocabulary), cancellationToken);
        var ranked = Rank(sections, concepts, vocabulary);
        var min = options.Value.MinConfidence;
        return new KnowledgeSearchResult(
            question,
            [.. ranked.Where(h => h.Confidence >= min).Take(Math.Clamp(top, 1, 50))],
            [.. ranked.Where(h => h.Confidence < min).Take(5)]);
    }

    // Every alternative of every concept, as a quoted phrase ORed together: user text never reaches FTS5 as syntax.
    internal static string MatchExpression(IEnumerable<QueryConcept> concepts) =>
        string.Join(" OR ", concepts.SelectMany(c => c.Alternatives).Select(a => $"\"{string.Join(' ', a)}\"").Distinct());

    private static async Task<List<SectionMatch>> MatchAsync(
        DbConnection connection, IReadOnlyList<QueryConcept> concepts, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // Rank in the FTS index alone, then read the text of the candidates only: joining first read (and sorted)
        // the text of every matching section, which grows with the knowledge base.
        command.CommandText = """
            SELECT c.ArticleId, c.Ordinal, c.Title, c.Tags, c.Heading, c.Body, m.Bm25
            FROM (
                SELECT rowid AS Id, bm25(KnowledgeSections, 8.0, 5.0, 3.0, 1.0) AS Bm25 FROM KnowledgeSections
                WHERE KnowledgeSections MATCH $match ORDER BY Bm25 LIMIT $limit) m
            JOIN KnowledgeSectionContent c ON c.Id = m.Id
            ORDER BY m.Bm25, m.Id
            """;
        var match = command.CreateParameter();
        match.ParameterName = "$match";
        match.Value = MatchExpression(concepts);
        command.Parameters.Add(match);
        var limit = command.CreateParameter();
        limit.ParameterName = "$limit";
        limit.Value = Candidates;
        command.Parameters.Add(limit);

        var sections = new List<SectionMatch>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sections.Add(new SectionMatch(
                reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), -reader.GetDouble(6)));
        }

        return sections;
    }

    private static List<KnowledgeHit> Rank(List<SectionMatch> sections, IReadOnlyList<QueryConcept> concepts, Vocabulary vocabulary)
    {
        var weights = concepts.Select(c => c.Weight(vocabulary)).ToArray();
        var total = weights.Sum();
        var bestBm25 = sections.Count > 0 ? sections.Max(s => s.Bm25) : 1;
        // Sections of one article share its title and tags: stem those once per article.
        var titleStems = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        return sections
            .Select(s =>
            {
                if (!titleStems.TryGetValue(s.ArticleId, out var title))
                {
                    titleStems[s.ArticleId] = title = Stems($"{s.Title} {s.Tags}");
                }

                var all = Stems($"{s.Heading} {s.Body}");
                all.UnionWith(title);
                return (Section: s, Coverage: Coverage(all, concepts, weights, total), TitleCoverage: Coverage(title, concepts, weights, total));
            })
            .Select(x => (x.Section, Coverage: Confidence(x.Coverage, total, vocabulary),
                Score: x.Coverage + 0.3 * x.TitleCoverage + 0.35 * x.Section.Bm25 / bestBm25))
            .GroupBy(x => x.Section.ArticleId)
            .Select(g => g.MaxBy(x => x.Score))
            .OrderByDescending(x => x.Score)
            .Select(x => new KnowledgeHit(
                x.Section.ArticleId, x.Section.Title, x.Section.Ordinal, x.Section.Heading,
                Snippets.Make(x.Section.Body), Math.Round(x.Score, 4), Math.Round(x.Coverage, 4)))
            .ToList();
    }

    // A match is trusted when it covers most of what the question asks about, or, for long questions full of
    // context, when what it covers adds up to several fully telling terms (an unknown word is "fully telling").
    private static double Confidence(double coverage, double totalWeight, Vocabulary vocabulary)
    {
        var evidence = coverage * totalWeight / Math.Log(1 + vocabulary.SectionCount);
        return Math.Max(coverage, Math.Min(1, evidence / EvidenceForFullConfidence));
    }

    private const double EvidenceForFullConfidence = 4.0;

    private static HashSet<string> Stems(string text) =>
        TextTokens.Words(text, int.MaxValue).Select(PorterStemmer.Stem).ToHashSet(StringComparer.Ordinal);

    private static double Coverage(HashSet<string> stems, IReadOnlyList<QueryConcept> concepts, double[] weights, double total)
    {
        var covered = 0.0;
        for (var i = 0; i < concepts.Count; i++)
        {
            if (concepts[i].IsPresentIn(stems))
            {
                covered += concepts[i].Corrected ? weights[i] * 0.9 : weights[i];
            }
        }

        return total > 0 ? covered / total : 0;
    }

    private sealed record SectionMatch(string ArticleId, int Ordinal, string Title, string Tags, string Heading, string Body, double Bm25);
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using HelpdeskBot.Knowledge.Search;

namespace HelpdeskBot.Knowledge.Evaluation;

/// <summary>
/// A labeled question: what an employee typed, its kind (paraphrased, keyword, misspelled, long, uncoverable, ...)
/// and the ids of the articles that answer it, none when the knowledge base does not cover it.
/// </summary>
public sealed record LabeledQuestion(string Q, string Kind, string[] Expected)
{
    public bool Answerable => Expected.Length > 0;
}

/// <summary>How search did on one labeled question: the rank of the first right article (0 if none in the top 5) and whether it declined.</summary>
public sealed record EvaluatedQuestion(LabeledQuestion Question, int Rank, bool Declined, IReadOnlyList<KnowledgeHit> Hits, IReadOnlyList<KnowledgeHit> BelowThreshold)
{
    public bool Miss => Question.Answerable ? Rank != 1 : !Declined;
}

/// <summary>
/// Measures search on a labeled question set: hit@1, hit@3, MRR@5 and the share declined, per kind of question, and
/// every miss. Used by the relevance tests and by <c>kb evaluate</c>, so a knowledge base and questions written by
/// someone else are measured the same way.
/// </summary>
public sealed class RelevanceEvaluation
{
    private const int Top = 5;

    private RelevanceEvaluation(IReadOnlyList<EvaluatedQuestion> rows) => Rows = rows;

    public IReadOnlyList<EvaluatedQuestion> Rows { get; }

    public IEnumerable<EvaluatedQuestion> Answerable => Rows.Where(r => r.Question.Answerable);

    public IEnumerable<EvaluatedQuestion> Uncoverable => Rows.Where(r => !r.Question.Answerable);

    /// <summary>
    /// Reads a question set: a JSON array of <c>{"q": "...", "kind": "...", "expected": ["article-id", ...]}</c>
    /// (<c>expected</c> empty for a question the knowledge base does not cover).
    /// </summary>
    /// <exception cref="FormatException">The file is not such an array; the message names the file and what is wrong.</exception>
    public static async Task<IReadOnlyList<LabeledQuestion>> LoadQuestionsAsync(string path, CancellationToken cancellationToken)
    {
        LabeledQuestion?[]? questions;
        try
        {
            await using var file = File.OpenRead(path);
            questions = await JsonSerializer.DeserializeAsync<LabeledQuestion?[]>(file, new JsonSerializerOptions(JsonSerializerDefaults.Web), cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}: not a JSON array of questions ({ex.Message.ReplaceLineEndings(" ")})", ex);
        }

        if (questions is null || questions.Length == 0)
        {
            throw new FormatException($"{path}: no questions; expected a JSON array of {{\"q\", \"kind\", \"expected\"}}.");
        }

        for (var i = 0; i < questions.Length; i++)
        {
            if (questions[i] is not { Q: { Length: > 0 }, Kind: { Length: > 0 }, Expected: not null } q || q.Expected.Any(string.IsNullOrEmpty))
            {
                throw new FormatException($"{path}: question {i + 1} needs a \"q\", a \"kind\" and an \"expected\" list of article ids (empty when uncoverable).");
            }
        }

        return questions!;
    }

    public static async Task<RelevanceEvaluation> RunAsync(KnowledgeSearch search, IReadOnlyList<LabeledQuestion> questions, CancellationToken cancellationToken)
    {
        var rows = new List<EvaluatedQuestion>(questions.Count);
        foreach (var question in questions)
        {
            var result = await search.SearchAsync(question.Q, Top, belowThreshold: 5, cancellationToken);
            var index = result.Hits.Select(h => h.ArticleId).ToList().FindIndex(question.Expected.Contains);
            rows.Add(new EvaluatedQuestion(question, index + 1, result.Declined, result.Hits, result.BelowThreshold));
        }

        return new RelevanceEvaluation(rows);
    }

    public static double HitAt(IEnumerable<EvaluatedQuestion> rows, int k)
    {
        var list = rows.ToList();
        return list.Count == 0 ? 0 : list.Count(r => r.Rank > 0 && r.Rank <= k) / (double)list.Count;
    }

    public static double DeclinedShare(IEnumerable<EvaluatedQuestion> rows)
    {
        var list = rows.ToList();
        return list.Count == 0 ? 0 : list.Count(r => r.Declined) / (double)list.Count;
    }

    /// <summary>One line per kind of question, then all answerable questions together.</summary>
    public string Table()
    {
        var text = new StringBuilder("kind              n  hit@1  hit@3  MRR@5  declined\n");
        var groups = Rows.GroupBy(r => r.Question.Kind).Select(g => (g.Key, List: g.ToList())).ToList();
        if (Answerable.Any())
        {
            groups.Add(("ALL answerable", Answerable.ToList()));
        }

        foreach (var (kind, list) in groups)
        {
            var mrr = list.Average(r => r.Rank > 0 ? 1.0 / r.Rank : 0);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{kind,-15}{list.Count,4}  {HitAt(list, 1),5:0.00}  {HitAt(list, 3),5:0.00}  {mrr,5:0.00}  {DeclinedShare(list),8:0.00}");
        }

        return text.ToString();
    }

    /// <summary>Every answerable question whose right article was not first, and every uncoverable one answered.</summary>
    public string Misses()
    {
        var text = new StringBuilder();
        foreach (var row in Rows.Where(r => r.Miss))
        {
            var q = row.Question;
            var got = row.Hits.Select(h => $"{h.ArticleId} {h.Confidence:0.00}")
                .Concat(row.BelowThreshold.Select(h => $"{h.ArticleId} {h.Confidence:0.00} (below)"))
                .Take(3);
            text.AppendLine(CultureInfo.InvariantCulture, $"[{q.Kind}] {q.Q}")
                .AppendLine(CultureInfo.InvariantCulture, $"    expected: {(q.Answerable ? string.Join(", ", q.Expected) : "(decline)")}")
                .AppendLine(CultureInfo.InvariantCulture, $"    got: {string.Join("; ", got)}");
        }

        return text.ToString();
    }
}

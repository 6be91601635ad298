using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Knowledge.Authoring;

/// <summary>
/// The questions the knowledge base did not answer (declined) or answered unhelpfully, grouped by their significant
/// word stems so "vpn wont connect" and "VPN not connecting!" count together, and close wordings with them: what
/// authors should write next.
/// </summary>
public sealed class KnowledgeGaps(KnowledgeDbContext db, TimeProvider time)
{
    public const int MaxQuestionChars = 500;

    /// <summary>How much of a question the list shows: a pasted log is not an example anyone reads.</summary>
    public const int MaxExampleChars = 200;

    /// <summary>No word is longer (a run of letters past it is junk, not a question).</summary>
    public const int MaxWordChars = 40;

    public Task RecordDeclinedAsync(string question, CancellationToken cancellationToken) =>
        RecordAsync(KnowledgeGapKind.Declined, question, null, cancellationToken);

    public Task RecordNotHelpfulAsync(string question, string articleId, CancellationToken cancellationToken) =>
        RecordAsync(KnowledgeGapKind.NotHelpful, question, articleId, cancellationToken);

    private async Task RecordAsync(KnowledgeGapKind kind, string question, string? articleId, CancellationToken cancellationToken)
    {
        // A NUL would cut the stored question short (SQLite) or fail the write (PostgreSQL); it carries no meaning.
        question = question.Replace("\0", "", StringComparison.Ordinal);
        var normalized = Normalize(question);
        if (!IsAskable(normalized))
        {
            return; // nothing a writer could act on ("?", emoji only, "7", a line of x)
        }

        var text = question.Length > MaxQuestionChars ? question[..MaxQuestionChars] : question;
        db.Gaps.Add(KnowledgeGap.Record(kind, text.Trim(), normalized, articleId, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The most frequent gaps first, with an example question and how each was recorded. Questions with the same
    /// significant words count together, and so do close wordings: "book a meeting room" and "book a meeting room for
    /// tomorrow" (see <see cref="Similar"/>); the example is the latest of the group's most asked wording.
    /// </summary>
    public async Task<IReadOnlyList<KnowledgeGapGroup>> ListAsync(int top, CancellationToken cancellationToken)
    {
        var gaps = await db.Gaps.AsNoTracking().ToListAsync(cancellationToken);
        var wordings = gaps.GroupBy(g => g.NormalizedQuestion, StringComparer.Ordinal)
            .Select(g => (Stems: g.Key.Split(' ').ToHashSet(StringComparer.Ordinal), Gaps: g.ToList()))
            .OrderByDescending(w => w.Gaps.Count).ThenByDescending(w => w.Gaps.Max(x => x.RecordedAt));

        // Each wording joins the first (most asked) group whose main wording is close to it; only groups sharing a
        // stem with it are compared.
        var groups = new List<(HashSet<string> Stems, List<KnowledgeGap> Gaps)>();
        var byStem = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (stems, members) in wordings)
        {
            var candidates = stems.SelectMany(stem => byStem.GetValueOrDefault(stem) ?? []).Distinct().Order();
            var home = candidates.FirstOrDefault(i => Similar(groups[i].Stems, stems), -1);
            if (home >= 0)
            {
                groups[home].Gaps.AddRange(members);
                continue;
            }

            groups.Add((stems, [.. members]));
            foreach (var stem in stems)
            {
                (byStem.TryGetValue(stem, out var list) ? list : byStem[stem] = []).Add(groups.Count - 1);
            }
        }

        return [.. groups
            .Select(g => new KnowledgeGapGroup(
                Shorten(g.Gaps.Where(x => x.NormalizedQuestion == g.Gaps[0].NormalizedQuestion).MaxBy(x => x.RecordedAt)!.Question),
                g.Gaps.Count,
                g.Gaps.Count(x => x.Kind == KnowledgeGapKind.Declined),
                g.Gaps.Count(x => x.Kind == KnowledgeGapKind.NotHelpful),
                g.Gaps.Where(x => x.ArticleId is not null).Select(x => x.ArticleId!).Distinct().ToList(),
                g.Gaps.Max(x => x.RecordedAt)))
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.LastAsked)
            .Take(Math.Clamp(top, 1, 500))];
    }

    /// <summary>
    /// Two wordings ask the same when most of their significant words are shared (Jaccard at least 0.6), or when one
    /// holds all of the other's and at most as many again ("payday" and "payday this month").
    /// </summary>
    internal static bool Similar(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        var shared = a.Count(b.Contains);
        if (shared == 0)
        {
            return false;
        }

        var (smaller, larger) = (Math.Min(a.Count, b.Count), Math.Max(a.Count, b.Count));
        return shared / (double)(a.Count + b.Count - shared) >= 0.6 || (shared == smaller && larger <= 2 * smaller);
    }

    // At least one word that has a letter and is no longer than a word can be.
    private static bool IsAskable(string normalized) =>
        normalized.Split(' ').Any(w => w.Length <= MaxWordChars && w.Any(char.IsLetter));

    private static string Shorten(string question) =>
        question.Length <= MaxExampleChars ? question : question[..(MaxExampleChars - 1)].TrimEnd() + "…";

    internal static string Normalize(string question) =>
        string.Join(' ', TextTokens.Words(question).Where(w => !StopWords.Contains(w)).Select(Stems.Of).Distinct().Order(StringComparer.Ordinal));
}

/// <summary>One group of similar unanswered questions.</summary>
public sealed record KnowledgeGapGroup(
    string Example, int Count, int Declined, int NotHelpful, IReadOnlyList<string> Articles, DateTimeOffset LastAsked);

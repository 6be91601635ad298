using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Knowledge.Authoring;

/// <summary>
/// The questions the knowledge base did not answer (declined) or answered unhelpfully, grouped by their significant
/// word stems so "vpn wont connect" and "VPN not connecting!" count together: what authors should write next.
/// </summary>
public sealed class KnowledgeGaps(KnowledgeDbContext db, TimeProvider time)
{
    public const int MaxQuestionChars = 500;

    public Task RecordDeclinedAsync(string question, CancellationToken cancellationToken) =>
        RecordAsync(KnowledgeGapKind.Declined, question, null, cancellationToken);

    public Task RecordNotHelpfulAsync(string question, string articleId, CancellationToken cancellationToken) =>
        RecordAsync(KnowledgeGapKind.NotHelpful, question, articleId, cancellationToken);

    private async Task RecordAsync(KnowledgeGapKind kind, string question, string? articleId, CancellationToken cancellationToken)
    {
        var normalized = Normalize(question);
        if (normalized.Length == 0)
        {
            return; // nothing a writer could act on ("?", emoji only)
        }

        var text = question.Length > MaxQuestionChars ? question[..MaxQuestionChars] : question;
        db.Gaps.Add(KnowledgeGap.Record(kind, text.Trim(), normalized, articleId, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The most frequent gaps first, with an example question and how each was recorded.</summary>
    public async Task<IReadOnlyList<KnowledgeGapGroup>> ListAsync(int top, CancellationToken cancellationToken)
    {
        var gaps = await db.Gaps.AsNoTracking().ToListAsync(cancellationToken);
        return [.. gaps.GroupBy(g => g.NormalizedQuestion)
            .Select(g => new KnowledgeGapGroup(
                g.OrderByDescending(x => x.RecordedAt).First().Question,
                g.Count(),
                g.Count(x => x.Kind == KnowledgeGapKind.Declined),
                g.Count(x => x.Kind == KnowledgeGapKind.NotHelpful),
                g.Where(x => x.ArticleId is not null).Select(x => x.ArticleId!).Distinct().ToList(),
                g.Max(x => x.RecordedAt)))
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.LastAsked)
            .Take(Math.Clamp(top, 1, 500))];
    }

    internal static string Normalize(string question) =>
        string.Join(' ', TextTokens.Words(question).Where(w => !StopWords.Contains(w)).Select(PorterStemmer.Stem).Distinct().Order(StringComparer.Ordinal));
}

/// <summary>One group of similar unanswered questions.</summary>
public sealed record KnowledgeGapGroup(
    string Example, int Count, int Declined, int NotHelpful, IReadOnlyList<string> Articles, DateTimeOffset LastAsked);

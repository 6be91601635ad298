namespace HelpdeskBot.Knowledge.Storage;

/// <summary>A question the knowledge base did not answer well: declined, or answered and marked not helpful.</summary>
public sealed class KnowledgeGap
{
    private KnowledgeGap() { }

    public int Id { get; private set; }
    public KnowledgeGapKind Kind { get; private set; }
    public string Question { get; private set; } = "";

    /// <summary>The question's significant words, sorted: how similar questions are grouped.</summary>
    public string NormalizedQuestion { get; private set; } = "";

    public string? ArticleId { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public static KnowledgeGap Record(KnowledgeGapKind kind, string question, string normalized, string? articleId, DateTimeOffset now) =>
        new() { Kind = kind, Question = question, NormalizedQuestion = normalized, ArticleId = articleId, RecordedAt = now };
}

public enum KnowledgeGapKind { Declined, NotHelpful }

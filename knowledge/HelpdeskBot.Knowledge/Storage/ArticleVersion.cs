using HelpdeskBot.Knowledge.Articles;

namespace HelpdeskBot.Knowledge.Storage;

/// <summary>One immutable version of an article.</summary>
public sealed class ArticleVersion
{
    private ArticleVersion() { }

    public int Id { get; private set; }
    public string ArticleId { get; private set; } = "";
    public int Number { get; private set; }
    public string Title { get; private set; } = "";
    public string Tags { get; private set; } = "";
    public string Service { get; private set; } = "";
    public string? Audience { get; private set; }
    public string? Owner { get; private set; }
    public DateOnly? ReviewBy { get; private set; }
    public string Body { get; private set; } = "";
    public string ContentHash { get; private set; } = "";
    public string Author { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<string> TagList => Tags.Length == 0 ? [] : Tags.Split('\n');

    public static ArticleVersion From(string articleId, int number, ArticleDocument document, string author, DateTimeOffset now) => new()
    {
        ArticleId = articleId,
        Number = number,
        Title = document.Title,
        Tags = string.Join('\n', document.Tags),
        Service = document.Service,
        Audience = document.Audience,
        Owner = document.Owner,
        ReviewBy = document.ReviewBy,
        Body = document.Body,
        ContentHash = document.ContentHash,
        Author = author,
        CreatedAt = now,
    };

    public ArticleDocument ToDocument() => new(ArticleId, Title, TagList, Service, Audience, Owner, ReviewBy, Body);
}

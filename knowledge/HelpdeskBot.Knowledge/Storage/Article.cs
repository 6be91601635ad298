using HelpdeskBot.Knowledge.Articles;

namespace HelpdeskBot.Knowledge.Storage;

/// <summary>
/// A knowledge article and its versions. Only a published article is found by search, and it is found as its
/// published version; a newer draft version waits until it is published.
/// </summary>
public sealed class Article
{
    private readonly List<ArticleVersion> _versions = [];

    private Article() { }

    public string Id { get; private set; } = "";
    public ArticleState State { get; private set; }
    public int LatestVersion { get; private set; }
    public int? PublishedVersion { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public IReadOnlyList<ArticleVersion> Versions => _versions;

    public static Article Create(ArticleDocument document, string author, DateTimeOffset now)
    {
        var article = new Article { Id = document.Id, State = ArticleState.Draft, CreatedAt = now };
        article.AddVersion(document, author, now);
        return article;
    }

    /// <summary>Adds a version when the content changed; false (nothing done) when it is the same as the latest.</summary>
    public bool AddVersion(ArticleDocument document, string author, DateTimeOffset now)
    {
        if (Latest is { } latest && latest.ContentHash == document.ContentHash)
        {
            return false;
        }

        LatestVersion++;
        _versions.Add(ArticleVersion.From(Id, LatestVersion, document, author, now));
        UpdatedAt = now;
        return true;
    }

    public ArticleVersion? Latest => _versions.FirstOrDefault(v => v.Number == LatestVersion);

    public ArticleVersion? Published => _versions.FirstOrDefault(v => v.Number == PublishedVersion);

    /// <summary>Publishes the latest version (again, after a retire).</summary>
    public void Publish(DateTimeOffset now)
    {
        if (State == ArticleState.Published && PublishedVersion == LatestVersion)
        {
            throw new ArticleStateException($"Article '{Id}' is already published at version {LatestVersion}: nothing new to publish.");
        }

        State = ArticleState.Published;
        PublishedVersion = LatestVersion;
        UpdatedAt = now;
    }

    public void Retire(DateTimeOffset now)
    {
        if (State == ArticleState.Retired)
        {
            throw new ArticleStateException($"Article '{Id}' is already retired.");
        }

        State = ArticleState.Retired;
        UpdatedAt = now;
    }

    /// <summary>Only an article nobody can find may be deleted; a published one is retired first.</summary>
    public void EnsureDeletable()
    {
        if (State == ArticleState.Published)
        {
            throw new ArticleStateException($"Article '{Id}' is published: retire it first.");
        }
    }
}

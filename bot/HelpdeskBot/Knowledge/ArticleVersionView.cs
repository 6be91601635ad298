using HelpdeskBot.Knowledge.Storage;

namespace HelpdeskBot.Knowledge;

/// <summary>
/// One version in <c>GET /api/kb/articles/{id}/versions</c>. State: <c>published</c> (what search finds),
/// <c>retired</c> (was published, the article is retired), <c>draft</c> (newer than the published one) or
/// <c>superseded</c> (older).
/// </summary>
public sealed record ArticleVersionView(int Number, string Title, string Author, DateTimeOffset Created, string State)
{
    public static ArticleVersionView From(Article article, ArticleVersion version) =>
        new(version.Number, version.Title, version.Author, version.CreatedAt, StateOf(article, version.Number));

    private static string StateOf(Article article, int number) => article.PublishedVersion switch
    {
        { } published when number == published => article.State == ArticleState.Retired ? "retired" : "published",
        { } published when number < published => "superseded",
        _ => "draft",
    };
}

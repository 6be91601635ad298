using HelpdeskBot.Knowledge.Storage;

namespace HelpdeskBot.Knowledge;

/// <summary>
/// An article as the API shows it: its state and version numbers, and the content of one version
/// (<see cref="Version"/>: the published one for readers, the latest for authors).
/// </summary>
public sealed record ArticleView(
    string Id,
    string State,
    int? PublishedVersion,
    int LatestVersion,
    int Version,
    string Title,
    IReadOnlyList<string> Tags,
    string Service,
    string? Audience,
    string? Owner,
    DateOnly? ReviewBy,
    string Body)
{
    public static ArticleView From(Article article, ArticleVersion version) => new(
        article.Id, StateName(article.State), article.PublishedVersion, article.LatestVersion, version.Number,
        version.Title, version.TagList, version.Service, version.Audience, version.Owner, version.ReviewBy, version.Body);

    public static string StateName(ArticleState state) => state.ToString().ToLowerInvariant();
}

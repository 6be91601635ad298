namespace HelpdeskBot.Knowledge;

/// <summary>
/// What <c>PUT /api/kb/articles/{id}</c> did: <c>created</c>, <c>changed</c> (a new version) or <c>unchanged</c>,
/// and whether the article is now published at its latest version.
/// </summary>
public sealed record ArticleSaved(string Outcome, bool Published, ArticleView Article);

using HelpdeskBot.Knowledge.Articles;

namespace HelpdeskBot.Knowledge;

/// <summary>An article sent as JSON to <c>PUT /api/kb/articles/{id}</c>: the front matter fields and a Markdown body.</summary>
public sealed record ArticleInput(
    string? Title, IReadOnlyList<string?>? Tags, string? Service, string? Audience, string? Owner, DateOnly? ReviewBy, string? Body)
{
    /// <summary>The problems, by field, that keep this from being an article; empty when there are none.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Title)) errors["title"] = ["'title' is required."];
        if (string.IsNullOrWhiteSpace(Service)) errors["service"] = ["'service' is required."];
        if (string.IsNullOrWhiteSpace(Body)) errors["body"] = ["the article has no body."];
        if (Tags?.Any(t => t is null) == true) errors["tags"] = ["each tag must be plain text."];
        return errors;
    }

    /// <summary>The article, normalized as <see cref="ArticleParser"/> normalizes a file (call <see cref="Validate"/> first).</summary>
    public ArticleDocument ToDocument(string id) => new(
        id,
        Title!.Trim(),
        [.. (Tags ?? []).Select(t => t!.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct()],
        Service!.Trim().ToLowerInvariant(),
        string.IsNullOrWhiteSpace(Audience) ? null : Audience.Trim(),
        string.IsNullOrWhiteSpace(Owner) ? null : Owner.Trim(),
        ReviewBy,
        Body!.Replace("\r\n", "\n").Trim());
}

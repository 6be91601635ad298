namespace HelpdeskBot.Knowledge.Articles;

/// <summary>
/// How large each field of an article may be, whichever way it arrives (a Markdown file or JSON fields), and the one
/// character no field may hold: NUL, which SQLite would cut the text at and PostgreSQL refuses.
/// </summary>
public static class ArticleLimits
{
    public const int MaxTitleChars = 200, MaxTags = 50, MaxTagChars = 64, MaxServiceChars = 100, MaxPersonChars = 200;

    /// <summary>What is wrong with the document, by field (front matter names); empty when it can be stored.</summary>
    public static IEnumerable<(string Field, string Message)> Problems(ArticleDocument document)
    {
        foreach (var (field, value, max) in new[]
        {
            ("title", document.Title, MaxTitleChars), ("service", document.Service, MaxServiceChars),
            ("audience", document.Audience, MaxPersonChars), ("owner", document.Owner, MaxPersonChars),
            ("body", document.Body, ArticleParser.MaxArticleChars),
        })
        {
            if (HasNul(value))
            {
                yield return (field, $"'{field}' contains a NUL character (U+0000), which cannot be stored.");
            }
            else if (value?.Length > max)
            {
                yield return (field, $"'{field}' is {value.Length:N0} characters; the limit is {max:N0}.");
            }
        }

        if (document.Tags.Count > MaxTags)
        {
            yield return ("tags", $"there are {document.Tags.Count:N0} tags; the limit is {MaxTags}.");
        }
        else if (document.Tags.FirstOrDefault(t => t.Length > MaxTagChars || HasNul(t)) is { } tag)
        {
            yield return ("tags", HasNul(tag) ? "a tag contains a NUL character (U+0000), which cannot be stored."
                : $"the tag '{tag[..MaxTagChars]}…' is {tag.Length:N0} characters; the limit is {MaxTagChars}.");
        }
    }

    private static bool HasNul(string? value) => value?.Contains('\0') == true;
}

using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HelpdeskBot.Knowledge.Articles;

/// <summary>
/// Reads an article: YAML front matter between <c>---</c> lines (<c>title</c>, <c>tags</c>, <c>service</c>; optional
/// <c>audience</c>, <c>owner</c>, <c>review_by</c>), then Markdown.
/// </summary>
public static partial class ArticleParser
{
    public const int MaxArticleChars = 512 * 1024;

    /// <summary>A valid article id: lowercase letters, digits and dashes, as in a file name.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$")]
    public static partial Regex ValidId();

    /// <summary>Reads an article file; <paramref name="name"/> is how errors name it (default: the file name).</summary>
    public static ArticleDocument ParseFile(string path, string? name = null)
    {
        name ??= Path.GetFileName(path);
        // A UTF-8 character takes at most 3 bytes per UTF-16 unit: a file this large is over the limit, unread.
        var bytes = new FileInfo(path).Length;
        if (bytes > MaxArticleChars * 3L)
        {
            throw new ArticleFormatException(name, 1, $"the file is {bytes:N0} bytes; the limit is {MaxArticleChars:N0} characters.");
        }

        return Parse(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path), name);
    }

    public static ArticleDocument Parse(string id, string text, string fileName)
    {
        if (!ValidId().IsMatch(id))
        {
            throw new ArticleFormatException(fileName, 1, $"'{id}' is not a valid article id: use lowercase letters, digits and dashes (at most 100).");
        }

        if (text.Length > MaxArticleChars)
        {
            throw new ArticleFormatException(fileName, 1, $"the article is {text.Length:N0} characters; the limit is {MaxArticleChars:N0}.");
        }

        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            throw new ArticleFormatException(fileName, 1, "the file must start with YAML front matter between '---' lines.");
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            throw new ArticleFormatException(fileName, 1, "the front matter has no closing '---' line.");
        }

        var nulLine = Array.FindIndex(lines, l => l.Contains('\0'));
        if (nulLine >= 0)
        {
            throw new ArticleFormatException(fileName, nulLine + 1, "the line contains a NUL character (U+0000), which cannot be stored.");
        }

        var fields = ReadFrontMatter(string.Join('\n', lines[1..end]), fileName);
        var body = string.Join('\n', lines[(end + 1)..]).Trim();
        var document = new ArticleDocument(
            id,
            Title(fields, fileName),
            Tags(fields, fileName),
            RequiredText(fields, "service", fileName).ToLowerInvariant(),
            OptionalText(fields, "audience"),
            OptionalText(fields, "owner"),
            ReviewBy(fields, fileName),
            body.Length > 0 ? body : throw new ArticleFormatException(fileName, end + 2, "the article has no body."));
        return ArticleLimits.Problems(document).FirstOrDefault() is ({ } field, { } message)
            ? throw new ArticleFormatException(fileName, field == "body" ? end + 2 : 2, message)
            : document;
    }

    private static YamlMappingNode ReadFrontMatter(string yaml, string fileName)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode
                ?? throw new ArticleFormatException(fileName, 2, "the front matter must be a set of 'key: value' lines.");
        }
        catch (YamlException ex)
        {
            // Line numbers in the file: the front matter starts on line 2.
            throw new ArticleFormatException(fileName, (int)ex.Start.Line + 1, $"invalid front matter: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet gives up this way on some unterminated constructs (e.g. "tags: [a, b").
            throw new ArticleFormatException(fileName, 2, "invalid front matter: an unterminated list, quote or bracket.");
        }
    }

    private static YamlNode? Field(YamlMappingNode fields, string key) =>
        fields.Children.FirstOrDefault(kv => string.Equals((kv.Key as YamlScalarNode)?.Value, key, StringComparison.OrdinalIgnoreCase)).Value;

    private static int LineOf(YamlNode node) => (int)node.Start.Line + 1;

    private static string RequiredText(YamlMappingNode fields, string key, string fileName) =>
        Field(fields, key) is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : throw new ArticleFormatException(fileName, Field(fields, key) is { } node ? LineOf(node) : 2, $"'{key}' is required.");

    // A title is plain text: HTML an author typed in it is dropped, never shown as markup.
    private static string Title(YamlMappingNode fields, string fileName)
    {
        var title = Regex.Replace(ArticleSection.StripHtml(RequiredText(fields, "title", fileName)), @"\s+", " ").Trim();
        return title.Length > 0 ? title : throw new ArticleFormatException(fileName, LineOf(Field(fields, "title")!), "'title' has no text once HTML is removed.");
    }

    private static string? OptionalText(YamlMappingNode fields, string key) =>
        Field(fields, key) is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static IReadOnlyList<string> Tags(YamlMappingNode fields, string fileName) => Field(fields, "tags") switch
    {
        null => [],
        YamlSequenceNode list => [.. list.Children.Select(t => t is YamlScalarNode { Value: { } v } ? v.Trim().ToLowerInvariant()
            : throw new ArticleFormatException(fileName, LineOf(t), "each tag must be plain text.")).Where(t => t.Length > 0).Distinct()],
        YamlScalarNode { Value: { } text } => [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant()).Distinct()],
        var other => throw new ArticleFormatException(fileName, LineOf(other), "'tags' must be a list, e.g. [vpn, network]."),
    };

    private static DateOnly? ReviewBy(YamlMappingNode fields, string fileName) => Field(fields, "review_by") switch
    {
        null => null,
        YamlScalarNode { Value: { } text } when DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
        var node => throw new ArticleFormatException(fileName, LineOf(node), "'review_by' must be a date like 2027-06-30."),
    };
}

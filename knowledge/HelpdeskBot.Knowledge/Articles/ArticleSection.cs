using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HelpdeskBot.Knowledge.Articles;

/// <summary>
/// A part of an article under one heading: the unit that search finds and answers show. <see cref="PlainText"/> is
/// what search reads; <see cref="DisplayText"/> is the same text as people read it, with list numbers and bullets.
/// </summary>
public sealed partial record ArticleSection(int Ordinal, string Heading, string Markdown, string PlainText, string DisplayText)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    /// <summary>Splits a body at its <c>##</c> and <c>###</c> headings; text before the first heading is section 0.</summary>
    public static IReadOnlyList<ArticleSection> Split(string title, string body)
    {
        var sections = new List<ArticleSection>();
        var heading = title;
        var lines = new List<string>();
        foreach (var line in body.Replace("\r\n", "\n").Split('\n'))
        {
            var match = HeadingLine().Match(line);
            if (match.Success)
            {
                Add(sections, heading, lines);
                heading = match.Groups[1].Value.Trim();
                lines.Clear();
            }
            else
            {
                lines.Add(line);
            }
        }

        Add(sections, heading, lines);
        return sections;
    }

    private static void Add(List<ArticleSection> sections, string heading, List<string> lines)
    {
        var markdown = string.Join('\n', lines).Trim();
        if (markdown.Length > 0)
        {
            var document = Markdig.Markdown.Parse(markdown, Pipeline); // parsed once, rendered twice
            sections.Add(new ArticleSection(
                sections.Count, heading, markdown, Render(document, numberLists: false), Render(document, numberLists: true)));
        }
    }

    /// <summary>
    /// The section's text with the Markdown formatting gone, and raw HTML an author typed gone too (tags dropped,
    /// script and style blocks with their content), so it never reaches a card as markup. With
    /// <paramref name="numberLists"/> (<see cref="DisplayText"/>, what answers show) each list item is on its own line
    /// after its number ("1. ") or a bullet ("• "), so steps read as steps; without (<see cref="PlainText"/>) the words
    /// alone, which search reads and the ranking was measured on.
    /// </summary>
    private static string Render(MarkdownDocument document, bool numberLists)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        Pipeline.Setup(renderer);
        if (numberLists)
        {
            renderer.ObjectRenderers.Replace<ListRenderer>(new MarkedListRenderer());
        }

        renderer.Render(document);
        return Regex.Replace(StripHtml(writer.ToString()), @"[ \t]+", " ").Trim();
    }

    /// <summary>Writes each list item on its own line after its number or a bullet (Markdig's plain text drops both).</summary>
    private sealed class MarkedListRenderer : HtmlObjectRenderer<ListBlock>
    {
        protected override void Write(HtmlRenderer renderer, ListBlock list)
        {
            var number = list.IsOrdered && int.TryParse(list.OrderedStart, out var start) ? start : 1;
            foreach (var item in list.OfType<ListItemBlock>())
            {
                renderer.EnsureLine();
                renderer.Write(list.IsOrdered ? $"{number++}. " : "• ");
                renderer.WriteChildren(item);
                renderer.EnsureLine();
            }
        }
    }

    /// <summary>Plain text without the HTML tags in it (script and style blocks go with their content).</summary>
    public static string StripHtml(string text) => HtmlTag().Replace(ScriptOrStyleBlock().Replace(text, " "), " ");

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?(</\1\s*>|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyleBlock();

    [GeneratedRegex(@"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>")]
    private static partial Regex HtmlTag();

    /// <summary>
    /// Markdown to HTML with raw HTML escaped, not passed through, and links and images only to http(s) and relative
    /// addresses (a <c>javascript:</c> or protocol-relative <c>//host</c> link becomes <c>#</c>): safe to serve.
    /// </summary>
    public static string ToSafeHtml(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().Where(l => !IsSafeUrl(l.Url)))
        {
            link.Url = "#";
        }

        foreach (var link in document.Descendants<AutolinkInline>().Where(l => !IsSafeUrl(l.Url)))
        {
            link.Url = "#";
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    private static bool IsSafeUrl(string? url)
    {
        // Browsers ignore tabs, newlines and the like inside a scheme ("java\tscript:"), so look without them; they
        // also read a backslash as a slash, so "\\host" is as protocol-relative as "//host" (another site).
        var cleaned = new string([.. (url ?? "").Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c))]).Replace('\\', '/');
        if (cleaned.StartsWith("//", StringComparison.Ordinal))
        {
            return false;
        }

        var colon = cleaned.IndexOf(':');
        var pathStart = cleaned.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (pathStart >= 0 && pathStart < colon))
        {
            return true; // relative
        }

        return cleaned[..colon].ToLowerInvariant() is "http" or "https";
    }

    [GeneratedRegex(@"^#{2,3}\s+(.+?)\s*#*\s*$")]
    private static partial Regex HeadingLine();
}

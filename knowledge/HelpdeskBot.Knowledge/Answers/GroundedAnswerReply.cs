using System.Text.RegularExpressions;

namespace HelpdeskBot.Knowledge.Answers;

/// <summary>
/// Checks a model's reply before anyone sees it: citations must name retrieved sources (others are removed),
/// links the sources do not contain are removed, the length is capped. A reply that cites no retrieved source is
/// not an answer (null): the caller falls back to the extractive one.
/// </summary>
public static partial class GroundedAnswerReply
{
    public sealed record Parsed(string Text, IReadOnlyList<int> Cited);

    /// <summary>
    /// Whether the reply is the model saying the sources do not answer (<see cref="GroundedAnswerPrompt.NoAnswer"/>),
    /// as models write it: alone or first, in any case, quoted, in code marks or bold, perhaps followed by a reason. Prose
    /// that starts "No answer..." is not it: the token has its underscore.
    /// </summary>
    public static bool IsNoAnswer(string? reply) => NoAnswerReply().IsMatch(reply ?? "");

    public static Parsed? Parse(string? reply, IReadOnlyList<string> sourceTexts, int maxCharacters)
    {
        var text = Clean(reply, sourceTexts, maxCharacters);
        var cited = Citation().Matches(text)
            .SelectMany(m => Numbers(m.Groups[1].Value))
            .Distinct().Order().ToList();
        return cited.Count == 0 ? null : new Parsed(text, cited);
    }

    /// <summary>The reply as plain text: links the sources do not give and citations of unknown sources removed, capped.</summary>
    public static string Clean(string? reply, IReadOnlyList<string> sourceTexts, int maxCharacters)
    {
        var text = (reply ?? "").Trim();
        // Plain text only: a Markdown link or image could dress up any address; the address itself is checked next.
        text = MarkdownLink().Replace(text, m => m.Value.StartsWith('!') ? m.Groups[1].Value : $"{m.Groups[1].Value} ({m.Groups[2].Value})");
        text = Url().Replace(text, m => sourceTexts.Any(s => s.Contains(m.Value, StringComparison.Ordinal)) ? m.Value : "(link removed)");
        text = Citation().Replace(text, m => KeepKnown(m, sourceTexts.Count));
        return Cap(text.Trim(), maxCharacters);
    }

    private static string KeepKnown(Match citation, int sourceCount)
    {
        var known = Numbers(citation.Groups[1].Value).Where(n => n >= 1 && n <= sourceCount).Distinct().ToList();
        // A citation of nothing we retrieved goes, with the space before it.
        return known.Count == 0 ? "" : citation.Value[..citation.Value.IndexOf('[')] + $"[{string.Join(", ", known)}]";
    }

    private static IEnumerable<int> Numbers(string list) =>
        list.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => int.TryParse(n, out var number) ? number : -1);

    private static string Cap(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var window = text[..(max - 1)];
        var end = window.LastIndexOfAny(['.', '!', '?', '\n']);
        if (end < max / 2)
        {
            end = window.LastIndexOf(' ');
        }

        return window[..(end > 0 ? end + 1 : window.Length)].TrimEnd() + "…";
    }

    [GeneratedRegex(@"^[\s""'`*_]*NO_ANSWER\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoAnswerReply();

    // [1], [2, 3], with the whitespace before it (so a removed one leaves no gap).
    [GeneratedRegex(@"\s*\[\s*(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*\]")]
    private static partial Regex Citation();

    [GeneratedRegex(@"!?\[([^\]\n]*)\]\(([^)\s]*)[^)\n]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"https?://[^\s)\]>""']*[^\s)\]>""'.,;:!?]", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}

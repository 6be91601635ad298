using System.Text.RegularExpressions;

namespace HelpdeskBot.Terminal;

/// <summary>
/// The Markdown that cards and messages use (bold, links, code), as a terminal shows it: links as their title and
/// address, bold in ANSI bold on a real terminal and as plain text when the output is piped.
/// </summary>
public static partial class TerminalMarkdown
{
    private const string BoldOn = "\u001b[1m", BoldOff = "\u001b[22m";

    public static string Render(string text, bool ansi)
    {
        text = Link().Replace(text, m => m.Groups["title"].Value == m.Groups["url"].Value
            ? m.Groups["url"].Value
            : $"{m.Groups["title"].Value} ({m.Groups["url"].Value})");
        text = Bold().Replace(text, m => Strong(m.Groups["text"].Value, ansi));
        return Code().Replace(text, m => m.Groups["text"].Value);
    }

    /// <summary>Text in bold where the terminal shows it.</summary>
    public static string Strong(string text, bool ansi) => ansi && text.Length > 0 ? BoldOn + text + BoldOff : text;

    [GeneratedRegex(@"\[(?<title>[^\]\n]+)\]\((?<url>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(?<text>[^*\n]+?)\*\*|__(?<text>[^_\n]+?)__")]
    private static partial Regex Bold();

    [GeneratedRegex(@"`(?<text>[^`\n]+)`")]
    private static partial Regex Code();
}

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// A section's text cut to a readable length: after the last whole line (a step or a bullet) when that keeps at
/// least half, else after the last sentence, else at a word. A list number's dot ("3.") is not a sentence end, so a
/// cut never leaves a bare "3." behind.
/// </summary>
public static class Snippets
{
    public static string Make(string text, int maxChars = 400)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        var window = text[..maxChars];
        var cut = window.LastIndexOf('\n') - 1;
        if (cut < maxChars / 2)
        {
            cut = LastSentenceEnd(window);
        }

        if (cut < maxChars / 2)
        {
            cut = window.LastIndexOf(' ');
        }

        return text[..(cut > 0 ? cut + 1 : maxChars)].TrimEnd() + " …";
    }

    private static int LastSentenceEnd(string window)
    {
        for (var i = window.Length - 1; i >= 0; i--)
        {
            if (window[i] is '.' or '!' or '?' && (i + 1 == window.Length || char.IsWhiteSpace(window[i + 1])) && !IsListNumber(window, i))
            {
                return i;
            }
        }

        return -1;
    }

    // "3." at the start of a line.
    private static bool IsListNumber(string text, int dot)
    {
        var start = dot;
        while (start > 0 && char.IsAsciiDigit(text[start - 1]))
        {
            start--;
        }

        return start < dot && (start == 0 || text[start - 1] == '\n');
    }
}

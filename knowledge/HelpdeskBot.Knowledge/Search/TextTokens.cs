using System.Globalization;
using System.Text;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// Words as the index sees them (SQLite's unicode61 tokenizer with diacritics removed): lowercase runs of letters
/// and digits; everything else separates. User text of any script, emoji or control characters included, is safe.
/// </summary>
public static class TextTokens
{
    public const int MaxTokens = 64;

    public static List<string> Words(string text, int max = MaxTokens)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in RemoveDiacritics(text))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                if (words.Count == max) break;
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0 && words.Count < max)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>How many words <see cref="Words(string, int)"/> finds in the text, without making them (a section's length).</summary>
    public static int Count(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in RemoveDiacritics(text))
        {
            if (char.IsLetterOrDigit(c))
            {
                inWord = true;
            }
            else if (inWord)
            {
                count++;
                inWord = false;
            }
        }

        return inWord ? count + 1 : count;
    }

    /// <summary>The text with its diacritics removed, as <see cref="Words(string, int)"/> reads it.</summary>
    internal static string RemoveDiacritics(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text; // nothing to remove (most text), and no copy
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}

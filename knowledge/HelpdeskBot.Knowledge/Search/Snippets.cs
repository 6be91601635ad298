namespace HelpdeskBot.Knowledge.Search;

/// <summary>A section's text cut to a readable length at a sentence or word boundary.</summary>
public static class Snippets
{
    public static string Make(string text, int maxChars = 400)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        var cut = text.LastIndexOfAny(['.', '!', '?', '\n'], maxChars - 1);
        if (cut < maxChars / 2)
        {
            cut = text.LastIndexOf(' ', maxChars - 1);
        }

        return text[..(cut > 0 ? cut + 1 : maxChars)].TrimEnd() + " …";
    }
}

namespace HelpdeskBot;

public static class TextExtensions
{
    /// <summary>
    /// The text as it fits in <paramref name="max"/> characters: whole when it does, else cut and ended with "…"
    /// (a card line, a button title, a quoted answer).
    /// </summary>
    public static string Shorten(this string text, int max) =>
        text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}

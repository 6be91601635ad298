namespace HelpdeskBot.Storage;

/// <summary>
/// Text the databases cannot keep whole: SQLite cuts a string at a NUL character and PostgreSQL refuses it. Such text
/// is refused where it comes in (saying why), never stored shorter than it was acknowledged.
/// </summary>
public static class StoredText
{
    public static bool HasNul(string? value) => value?.Contains('\0') == true;

    /// <summary>Why <paramref name="what"/> cannot be stored, or null when it can.</summary>
    public static string? Problem(string? value, string what) =>
        HasNul(value) ? $"{what} contains a NUL character (U+0000), which cannot be stored; remove it and send it again." : null;

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="value"/> has a NUL character.</summary>
    public static void Check(string? value, string what)
    {
        if (Problem(value, what) is { } problem)
        {
            throw new ArgumentException(problem);
        }
    }
}

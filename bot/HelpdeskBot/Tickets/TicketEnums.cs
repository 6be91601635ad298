namespace HelpdeskBot.Tickets;

/// <summary>
/// Reads the ticket enums from API text: any case, with or without dashes, underscores or spaces ("in-progress",
/// "InProgress", "not_required"); numbers and combinations are refused so only the listed names get in.
/// </summary>
public static class TicketEnums
{
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        var name = text?.Replace("-", "").Replace("_", "").Replace(" ", "") ?? "";
        return name.Length > 0 && name.All(char.IsAsciiLetterOrDigit) && !name.All(char.IsAsciiDigit)
            && Enum.TryParse(name, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    /// <summary>The values, or null and a problem naming <paramref name="parameter"/> and what it allows.</summary>
    public static (IReadOnlyList<T>? Values, string? Problem) ParseList<T>(string? text, string parameter) where T : struct, Enum
    {
        var values = new List<T>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParse<T>(part, out var value))
            {
                return (null, Refusal<T>(parameter, part));
            }

            values.Add(value);
        }

        return (values, null);
    }

    public static string Refusal<T>(string parameter, string? text) where T : struct, Enum =>
        (string.IsNullOrWhiteSpace(text) ? $"{parameter} is required" : $"'{Shorten(text)}' is not a valid {parameter}")
        + $"; use one of: {string.Join(", ", Enum.GetNames<T>())}.";

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "...";
}

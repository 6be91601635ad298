namespace HelpdeskBot.Catalog;

/// <summary>
/// Impact and urgency as the catalog writes them ("high", "medium", "low"). Kept here until the ticket model's
/// TicketImpact / TicketUrgency enums (same names and order) are merged, then this points at them.
/// </summary>
public static class CatalogLevels
{
    private enum Level { High = 1, Medium = 2, Low = 3 }

    public static bool IsValid(string? value) =>
        value is not null && !int.TryParse(value, out _) && Enum.TryParse<Level>(value, ignoreCase: true, out _);

    public static string Normalize(string value) => Enum.Parse<Level>(value, ignoreCase: true).ToString().ToLowerInvariant();
}

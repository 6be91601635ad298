using HelpdeskBot.Tickets;

namespace HelpdeskBot.Catalog;

/// <summary>
/// Impact and urgency as the catalog writes them ("high", "medium", "low"): the names of the ticket model's
/// <see cref="TicketImpact"/> and <see cref="TicketUrgency"/>, which share them.
/// </summary>
public static class CatalogLevels
{
    public static bool IsValid(string? value) =>
        value is not null && !int.TryParse(value, out _) && Enum.TryParse<TicketImpact>(value, ignoreCase: true, out _);

    public static string Normalize(string value) => Enum.Parse<TicketImpact>(value, ignoreCase: true).ToString().ToLowerInvariant();
}

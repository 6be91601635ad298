namespace HelpdeskBot.Catalog;

/// <summary>A catalog item and how well a message matched it (0 when it was only offered to fill the list).</summary>
public sealed record CatalogMatch(CatalogItem Item, double Score);

/// <summary>
/// The items a message matched, best first. <see cref="IsSure"/>: open <see cref="Best"/> directly; otherwise offer
/// <see cref="Matches"/> (up to three) to choose from.
/// </summary>
public sealed record CatalogMatchResult(IReadOnlyList<CatalogMatch> Matches, bool IsSure)
{
    public CatalogItem? Best => Matches.Count > 0 ? Matches[0].Item : null;
}

namespace HelpdeskBot.Catalog;

/// <summary>
/// A checked intake form. <see cref="Values"/> holds the normalized answers (choice values, yyyy-MM-dd dates,
/// true/false); <see cref="Submitted"/> what was typed, to put back into the card when there are
/// <see cref="Errors"/> (by field id; <see cref="FormError"/> for the form as a whole).
/// </summary>
public sealed record IntakeResult(
    CatalogItem? Item,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Submitted,
    IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>The key of an error about the whole form, e.g. an unknown catalog item.</summary>
    public const string FormError = "";

    public bool IsValid => Item is not null && Errors.Count == 0;

    /// <summary>"high", "medium" or "low": from the field the item names (e.g. who is affected), else its default.</summary>
    public string? Impact => Item is null ? null : Level(Item.ImpactFrom, Item.DefaultImpact);

    public string? Urgency => Item is null ? null : Level(Item.UrgencyFrom, Item.DefaultUrgency);

    /// <summary>Who must approve, given the answers (e.g. finance systems need the finance approvers).</summary>
    public CatalogApproval? Approval => Item?.ApprovalFor(Values);

    private string Level(CatalogLevelMapping? mapping, string fallback) =>
        CatalogLevels.Normalize(mapping is not null && Values.TryGetValue(mapping.Field, out var answer)
            && mapping.Values.TryGetValue(answer, out var level) ? level : fallback);
}

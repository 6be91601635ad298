namespace HelpdeskBot.Catalog;

/// <summary>
/// One thing people can ask the help desk for, as the catalog file describes it. Impact and urgency are the
/// strings "high", "medium" or "low"; <see cref="ImpactFrom"/> / <see cref="UrgencyFrom"/> let an answer set them.
/// </summary>
public sealed class CatalogItem
{
    public const string Request = "request";
    public const string Incident = "incident";

    public string Id { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public List<string> Keywords { get; init; } = [];

    /// <summary>
    /// What people write when they want this item ("reset my password please"): the router compares a message with
    /// these by meaning (see <c>Routing/IntentClassifier</c>). An item without examples is reached by its keywords.
    /// </summary>
    public List<string> Examples { get; init; } = [];

    /// <summary>
    /// A problem the knowledge base can often solve (a forgotten password, something broken): a message that matches
    /// the item is answered from the knowledge base first, with a button to this item's form; the form comes straight
    /// away only when the knowledge base has no answer or the message just names the item ("report an incident").
    /// </summary>
    public bool KnowledgeFirst { get; init; }

    /// <summary>
    /// The text field that takes what the employee wrote when the form opens from chat ("What happened?" gets "the
    /// payroll system is down"), so nobody types it twice; none when unset.
    /// </summary>
    public string? MessageField { get; init; }

    /// <summary>
    /// How a ticket from this item is titled, from the answers: "{service}: {description}" gives "VPN: cannot connect
    /// since this morning", so tickets read as what people asked for. Unset, the title is the item's.
    /// </summary>
    public string? TicketTitle { get; init; }

    public List<CatalogField> Fields { get; init; } = [];
    public CatalogApproval Approval { get; init; } = CatalogApproval.None;

    /// <summary>Approvals that replace <see cref="Approval"/> when a field has one of the given values.</summary>
    public List<CatalogApprovalRule> ApprovalRules { get; init; } = [];

    public string FulfilmentGroup { get; init; } = "";
    public string DefaultImpact { get; init; } = "";
    public string DefaultUrgency { get; init; } = "";
    public CatalogLevelMapping? ImpactFrom { get; init; }
    public CatalogLevelMapping? UrgencyFrom { get; init; }

    public CatalogField? FindField(string id) => Fields.FirstOrDefault(f => f.Id == id);

    /// <summary>A ticket's title from <see cref="TicketTitle"/> and the (validated) answers; see <see cref="Catalog.TicketTitle"/>.</summary>
    public string TitleFor(IReadOnlyDictionary<string, string> values) => Catalog.TicketTitle.Format(this, values);

    /// <summary>What the person wrote in their own words (the <see cref="MessageField"/>), as the ticket's description.</summary>
    public string? DescriptionFor(IReadOnlyDictionary<string, string> values) =>
        MessageField is { } field && values.GetValueOrDefault(field) is { Length: > 0 } text ? text : null;

    /// <summary>The approval a request with these (validated) values needs: the first matching rule, else the item's.</summary>
    public CatalogApproval ApprovalFor(IReadOnlyDictionary<string, string> values)
    {
        foreach (var rule in ApprovalRules)
        {
            if (values.TryGetValue(rule.Field, out var value)
                && value.Split(',').Any(v => rule.Values.Contains(v, StringComparer.OrdinalIgnoreCase)))
            {
                return rule.Approval;
            }
        }

        return Approval;
    }
}

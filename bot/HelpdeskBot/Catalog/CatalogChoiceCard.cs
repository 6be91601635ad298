using HelpdeskBot.Protocol.Cards;

namespace HelpdeskBot.Catalog;

/// <summary>
/// "Which of these do you need?": the catalog items a message matched, or the whole catalog (<c>request</c>), each with
/// a button to open its form, plus "Something else" (other request). A long list is grouped by kind.
/// </summary>
public static class CatalogChoiceCard
{
    public const string OpenVerb = "catalog.open";

    /// <summary>
    /// What each button carries back: the item whose form to open and, from a chat message, what the employee wrote
    /// (it fills the item's <see cref="CatalogItem.MessageField"/>).
    /// </summary>
    public sealed record Open(string Action, string Item, string? Message = null);

    /// <summary>How much of a message a button carries: a card must stay well under Teams' 28 KB.</summary>
    public const int MaxMessageCharacters = 1000;

    /// <summary>From this many items the list is grouped: "Report a problem", then "Request something".</summary>
    public const int GroupFrom = 5;

    public static AdaptiveCard Build(IEnumerable<CatalogItem> items, string heading = "Which of these do you need?")
    {
        var offered = items.Where(i => i.Id != ServiceCatalog.OtherRequestId).ToList();
        var card = new AdaptiveCard
        {
            Body = [IntakeCard.Text(heading, t => { t.Size = TextSize.Medium; t.Weight = TextWeight.Bolder; })],
            FallbackText = heading,
        };
        var groups = offered.Count >= GroupFrom
            ? offered.GroupBy(i => i.Kind).OrderBy(g => g.Key == CatalogItem.Incident ? 0 : 1).ToList()
            : [.. offered.GroupBy(_ => "")];
        foreach (var group in groups)
        {
            if (group.Key.Length > 0)
            {
                card.Body.Add(IntakeCard.Text(GroupTitle(group.Key), t => { t.Weight = TextWeight.Bolder; t.IsSubtle = true; }, Spacing.Large));
            }

            foreach (var item in group)
            {
                AddItem(card, item);
            }
        }

        card.Actions.Add(OpenButton(ServiceCatalog.OtherRequestId, "Something else"));
        return card;
    }

    private static string GroupTitle(string kind) => kind == CatalogItem.Incident ? "Report a problem" : "Request something";

    private static void AddItem(AdaptiveCard card, CatalogItem item)
    {
        card.Body.Add(new Container
        {
            Separator = true,
            Items =
            [
                IntakeCard.Text(item.Title, t => t.Weight = TextWeight.Bolder),
                IntakeCard.Text(item.Description, t => t.IsSubtle = true, Spacing.None),
            ],
        });
        card.Body.Add(new ActionSet { Actions = [OpenButton(item)] });
    }

    /// <summary>A button that opens an item's form (here and on answer cards).</summary>
    public static ActionExecute OpenButton(CatalogItem item) => OpenButton(item.Id, item.Title);

    public static ActionExecute OpenButton(string itemId, string title, string? message = null) =>
        ActionExecute.Create(ButtonTitle(title), OpenVerb, new Open(OpenVerb, itemId, Carried(message)));

    private static string? Carried(string? message) =>
        string.IsNullOrWhiteSpace(message) ? null : message.Trim() is var m && m.Length > MaxMessageCharacters ? m[..MaxMessageCharacters] : m;

    // Teams cuts long button titles anyway; keep them short and whole-worded enough.
    private static string ButtonTitle(string title) => title.Shorten(40);
}

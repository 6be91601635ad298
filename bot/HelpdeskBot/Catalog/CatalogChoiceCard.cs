using HelpdeskBot.Protocol.Cards;

namespace HelpdeskBot.Catalog;

/// <summary>"Which of these do you need?": up to three catalog items to open, plus "Something else" (other request).</summary>
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

    public static AdaptiveCard Build(IEnumerable<CatalogItem> items)
    {
        var offered = items.Where(i => i.Id != ServiceCatalog.OtherRequestId).Take(CatalogMatcher.Offered).ToList();
        var card = new AdaptiveCard
        {
            Body = [IntakeCard.Text("Which of these do you need?", t => { t.Size = TextSize.Medium; t.Weight = TextWeight.Bolder; })],
            FallbackText = "Which of these do you need?",
        };
        foreach (var item in offered)
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

        card.Actions.Add(OpenButton(ServiceCatalog.OtherRequestId, "Something else"));
        return card;
    }

    /// <summary>A button that opens an item's form (here and on answer cards).</summary>
    public static ActionExecute OpenButton(CatalogItem item) => OpenButton(item.Id, item.Title);

    public static ActionExecute OpenButton(string itemId, string title, string? message = null) =>
        ActionExecute.Create(ButtonTitle(title), OpenVerb, new Open(OpenVerb, itemId, Carried(message)));

    private static string? Carried(string? message) =>
        string.IsNullOrWhiteSpace(message) ? null : message.Trim() is var m && m.Length > MaxMessageCharacters ? m[..MaxMessageCharacters] : m;

    // Teams cuts long button titles anyway; keep them short and whole-worded enough.
    private static string ButtonTitle(string title) => title.Length <= 40 ? title : title[..39] + "…";
}

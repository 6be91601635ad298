using HelpdeskBot.Protocol.Cards;

namespace HelpdeskBot.Catalog;

/// <summary>"Which of these do you need?": up to three catalog items to open, plus "Something else" (other request).</summary>
public static class CatalogChoiceCard
{
    public const string OpenVerb = "catalog.open";

    /// <summary>What each button carries back: the item whose form to open.</summary>
    public sealed record Open(string Action, string Item);

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

    public static ActionExecute OpenButton(string itemId, string title) => ActionExecute.Create(ButtonTitle(title), OpenVerb, new Open(OpenVerb, itemId));

    // Teams cuts long button titles anyway; keep them short and whole-worded enough.
    private static string ButtonTitle(string title) => title.Length <= 40 ? title : title[..39] + "…";
}

using HelpdeskBot.Catalog;
using HelpdeskBot.Protocol.Cards;

namespace HelpdeskBot.Requests;

/// <summary>A card that says plainly why a request could not go ahead, and what to do instead.</summary>
public static class RequestErrorCard
{
    public static AdaptiveCard Build(string message) => new()
    {
        Body =
        [
            IntakeCard.Text("Sorry, that didn't work", t => { t.Size = TextSize.Medium; t.Weight = TextWeight.Bolder; }),
            IntakeCard.Text(message, t => t.Color = TextColor.Attention),
        ],
        Actions = [ActionExecute.Create("Start a new request", CatalogChoiceCard.OpenVerb, new CatalogChoiceCard.Open(CatalogChoiceCard.OpenVerb, ServiceCatalog.OtherRequestId))],
        FallbackText = message,
    };
}

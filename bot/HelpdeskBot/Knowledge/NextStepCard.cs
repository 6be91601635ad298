using HelpdeskBot.Catalog;
using HelpdeskBot.Protocol.Cards;

namespace HelpdeskBot.Knowledge;

/// <summary>
/// What to do when the knowledge base did not help: a short message and a button per catalog item (report an
/// incident, other request), each opening its form with the question already in it.
/// </summary>
public static class NextStepCard
{
    public static AdaptiveCard Build(string message, string question, IEnumerable<AnswerCard.NextStep> steps)
    {
        var card = new AdaptiveCard { Body = [new TextBlock(message)], FallbackText = message };
        card.Actions.AddRange(steps.Select(step => CatalogChoiceCard.OpenButton(step.Item, step.Title, question)));
        return card;
    }
}

using HelpdeskBot.Catalog;

namespace HelpdeskBot.Routing;

/// <summary>
/// Where a message goes: an intent (<see cref="Intents"/>) or a catalog item's form (<see cref="Item"/>); or, when two
/// are close, <see cref="Choices"/> to ask between. <see cref="NextStep"/> is the form an answer offers as its next step;
/// with <see cref="FormIfUnanswered"/> (a problem reported, not a question asked) that form opens when there is no answer.
/// </summary>
public sealed record MessageRoute(string Intent, double Score, CatalogItem? Item = null, CatalogItem? NextStep = null, bool FormIfUnanswered = false)
{
    /// <summary>Ask which: the intents the card offers, closest first.</summary>
    public IReadOnlyList<MessageRoute> Choices { get; init; } = [];

    public bool IsChoice => Choices.Count > 0;

    public const string Choose = "choose";

    public static MessageRoute Ask(IReadOnlyList<MessageRoute> choices) => new(Choose, choices[0].Score) { Choices = choices };
}

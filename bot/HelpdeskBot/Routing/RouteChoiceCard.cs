using HelpdeskBot.Catalog;
using HelpdeskBot.Protocol.Cards;

namespace HelpdeskBot.Routing;

/// <summary>"Which do you mean?": the two or three close intents as buttons, each carrying the message back.</summary>
public static class RouteChoiceCard
{
    public const string ChooseVerb = "route.choose";
    public const string Heading = "Which do you mean?";

    /// <summary>What a button carries back: the intent (a built-in one or a catalog item's id) and the message.</summary>
    public sealed record Choice(string Action, string Intent, string Message);

    public static AdaptiveCard Build(IReadOnlyList<MessageRoute> choices, string message) => new()
    {
        Body = [IntakeCard.Text(Heading, t => t.Weight = TextWeight.Bolder)],
        Actions = [.. choices.Select(c => ActionExecute.Create(Title(c), ChooseVerb,
            new Choice(ChooseVerb, c.Item?.Id ?? c.Intent, Carried(message))).WithoutInputs())],
        FallbackText = $"{Heading} {string.Join(" / ", choices.Select(Title))}",
    };

    /// <summary>The line a pressed choice leaves in place of the card.</summary>
    public static AdaptiveCard Chosen(string title) => new()
    {
        Body = [IntakeCard.Text($"✓ {title}", t => t.IsSubtle = true)],
        FallbackText = title,
    };

    public static string Title(MessageRoute route) => route.Item is { } item ? item.Title.Shorten(40) : Title(route.Intent);

    public static string Title(string intent) => intent switch
    {
        Intents.Person => "Talk to a person",
        Intents.Outage => "Check for outages",
        Intents.Subscribe => "Outage notices",
        Intents.Tickets => "My tickets",
        Intents.Answer => "Search the help articles",
        Intents.SmallTalk => "Just chatting",
        _ => "Something else",
    };

    private static string Carried(string message) =>
        message.Trim() is var m && m.Length > CatalogChoiceCard.MaxMessageCharacters ? m[..CatalogChoiceCard.MaxMessageCharacters] : m;
}

using HelpdeskBot.Protocol.Cards;

namespace HelpdeskBot.Chat;

/// <summary>The card that says what the bot can do: sent on install and as the answer to "help".</summary>
public static class WelcomeCard
{
    public const string HelpVerb = "help";

    public static AdaptiveCard Build(string? userName = null) => new()
    {
        Body =
        [
            new TextBlock(userName is { Length: > 0 } ? $"Hi {userName}, I'm the IT help desk bot" : "Hi, I'm the IT help desk bot")
            {
                Size = TextSize.Large, Weight = TextWeight.Bolder,
            },
            new TextBlock("Ask me an IT question in your own words. This is what works today and what is coming."),
            new Container
            {
                Style = ContainerStyle.Emphasis,
                Items =
                [
                    new TextBlock("Works today") { Weight = TextWeight.Bolder },
                    new FactSet(
                        ("Answers", "Ask a question (\"vpn won't connect\") and I answer from the IT knowledge base"),
                        ("help", "Show this card again")),
                ],
            },
            new Container
            {
                Items =
                [
                    new TextBlock("Coming soon") { Weight = TextWeight.Bolder },
                    new FactSet(
                        ("Requests", "Access, software, hardware and password requests"),
                        ("Incidents", "Report something broken and follow it up"),
                        ("Status", "Your tickets, and outages before you notice them")),
                ],
            },
            new TextBlock("Until then, please contact the service desk the usual way for anything urgent.") { IsSubtle = true },
        ],
        Actions = [ActionExecute.Create("Show help", HelpVerb)],
    };
}

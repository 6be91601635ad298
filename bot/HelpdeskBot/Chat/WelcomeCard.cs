using HelpdeskBot.Protocol.Cards;

namespace HelpdeskBot.Chat;

/// <summary>The card that says what the bot can do: sent on install and as the answer to "help".</summary>
public static class WelcomeCard
{
    /// <summary>The verb of the "Show help" button that cards sent by earlier versions carry; still answered.</summary>
    public const string HelpVerb = "help";

    public static AdaptiveCard Build(string? userName = null) => new()
    {
        Body =
        [
            new TextBlock(userName is { Length: > 0 } ? $"Hi {userName}, I'm the IT help desk bot" : "Hi, I'm the IT help desk bot")
            {
                Size = TextSize.Large, Weight = TextWeight.Bolder,
            },
            new TextBlock("Ask me an IT question in your own words, or ask for what you need."),
            new Container
            {
                Style = ContainerStyle.Emphasis,
                Items =
                [
                    new TextBlock("Works today") { Weight = TextWeight.Bolder },
                    new FactSet(
                        ("Answers", "Ask a question (\"vpn won't connect\") and I answer from the IT knowledge base"),
                        ("Requests", "\"new laptop please\", \"I need access to the finance share\", or **request** for the list"),
                        ("Incidents", "**report an incident** when something is broken"),
                        ("Your tickets", "**my tickets**, or **status REQ0001001** for one ticket and its history"),
                        ("Approvals", "**my approvals** shows the requests waiting for your decision"),
                        ("A person", "**talk to a human** passes your question to the service desk, who chat with you here"),
                        ("Outages", "I tell you when a service you use is down; **is there an outage?** any time, **subscribe to vpn**"),
                        ("help", "Show this card again")),
                ],
            },
        ],
    };
}

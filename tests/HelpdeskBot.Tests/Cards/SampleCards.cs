using HelpdeskBot.Knowledge.Answers;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Protocol.Cards;

namespace HelpdeskBot.Tests;

/// <summary>Cards built with the model, for the serialization and browser rendering checks.</summary>
public static class SampleCards
{
    private const string Pixel =
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    /// <summary>Every element, input and action the model offers, as Teams would get it.</summary>
    public static AdaptiveCard EveryElement() => new()
    {
        Body =
        [
            new TextBlock("New laptop request") { Size = TextSize.Large, Weight = TextWeight.Bolder },
            new RichTextBlock { Inlines = [new TextRun("Priority "), new TextRun("P2") { Weight = TextWeight.Bolder, Color = TextColor.Attention }] },
            new FactSet(("Number", "REQ0001001"), ("State", "New")),
            new ColumnSet
            {
                Columns =
                [
                    new Column { Width = "auto", Items = [new Image(Pixel, "Status icon") { Size = ImageSize.Small }] },
                    new Column { Width = "stretch", Items = [new TextBlock("Waiting for approval") { IsSubtle = true }] },
                ],
            },
            new Container { Style = ContainerStyle.Emphasis, Items = [new TextBlock("Tell us what you need")] },
            new InputText { Id = "reason", Label = "Why do you need it?", IsRequired = true, ErrorMessage = "Please give a reason", IsMultiline = true, MaxLength = 500 },
            new InputText { Id = "phone", Label = "Phone", Regex = "^\\+?[0-9 ]{6,}$", ErrorMessage = "Digits only", Style = TextInputStyle.Tel },
            new InputChoiceSet { Id = "model", Label = "Model", Choices = [new Choice("Standard", "std"), new Choice("Developer", "dev")], Style = ChoiceInputStyle.Expanded, IsRequired = true, ErrorMessage = "Pick a model" },
            new InputToggle { Id = "urgent", Title = "This is urgent", ValueOn = "yes", ValueOff = "no" },
            new InputDate { Id = "needed", Label = "Needed by" },
            new InputTime { Id = "at", Label = "Delivery time" },
            new InputNumber { Id = "count", Label = "How many", Min = 1, Max = 5, Value = 1 },
            new ActionSet { Actions = [new ActionOpenUrl("Hardware catalog", "https://example.com/catalog")] },
        ],
        Actions =
        [
            new ActionSubmit("Submit", new { kind = "laptop" }),
            ActionExecute.Create("Approve", "approve", new { ticket = "REQ0001001" }),
            new ActionShowCard { Title = "Add a comment", Card = new AdaptiveCard { Body = [new InputText { Id = "comment", Label = "Comment" }], Actions = [new ActionSubmit("Send")] } },
        ],
        Refresh = new CardRefresh(new ActionExecute { Verb = "refresh" }, ["29:user-1"]),
        MsTeams = TeamsCardSettings.FullWidth,
    };

    /// <summary>A search result with other matches, as the answer card gets it.</summary>
    public static KnowledgeSearchResult Answer() => new(
        "vpn wont connect",
        [
            new KnowledgeHit("vpn-cannot-connect", "VPN won't connect", 1, "Steps", "1. Restart GlobalProtect.\n2. Sign in again.\n• If you are in the office, check Contoso-Corp.", 1.2, 0.9),
            new KnowledgeHit("vpn-keeps-disconnecting", "VPN keeps disconnecting", 0, "VPN keeps disconnecting", "If it drops every hour...", 0.8, 0.6),
            new KnowledgeHit("corporate-wifi-not-connecting", "Office Wi-Fi [Contoso-Corp] not connecting", 0, "Symptoms", "...", 0.7, 0.55),
        ],
        []);

    /// <summary>A generated answer citing two of the sample answer's hits, one with brackets in its title.</summary>
    public static GroundedAnswer GeneratedAnswer() => new(
        "Restart GlobalProtect and sign in again [1]. If you are in the office, check that you are on Contoso-Corp [3].",
        [new(1, Answer().Hits[0]), new(3, Answer().Hits[2])]);
}

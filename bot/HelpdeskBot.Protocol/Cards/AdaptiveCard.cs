using System.Text.Json.Serialization;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Protocol.Cards;

/// <summary>
/// An Adaptive Card at the schema version Teams renders (1.5 at most). Build it with object and collection
/// initializers, then send it with <see cref="ToAttachment"/>.
/// </summary>
public sealed class AdaptiveCard : JsonExtensible
{
    /// <summary>The highest schema version Teams renders.</summary>
    public const string TeamsSchemaVersion = "1.5";

    [JsonPropertyOrder(-10)]
    public string Type => "AdaptiveCard";

    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-9)]
    public string Schema => "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyOrder(-8)]
    public string Version { get; set; } = TeamsSchemaVersion;

    public List<CardElement> Body { get; set; } = [];
    public List<CardAction> Actions { get; set; } = [];

    /// <summary>Keeps the views of the named users current (Teams: universal actions).</summary>
    public CardRefresh? Refresh { get; set; }

    public string? FallbackText { get; set; }
    public string? Speak { get; set; }

    /// <summary>Teams-specific settings; <see cref="TeamsCardSettings.FullWidth"/> for wide cards.</summary>
    [JsonPropertyName("msteams")]
    public TeamsCardSettings? MsTeams { get; set; }

    /// <summary>The card as a message attachment (<c>application/vnd.microsoft.card.adaptive</c>).</summary>
    public Attachment ToAttachment() => new()
    {
        ContentType = Attachment.AdaptiveCardContentType,
        Content = ProtocolJson.ToElement(this),
    };
}

/// <summary>The <c>msteams</c> property of a card.</summary>
public sealed class TeamsCardSettings
{
    public static TeamsCardSettings FullWidth => new() { Width = "Full" };

    public string? Width { get; set; }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Protocol.Cards;

/// <summary>A button. The <c>type</c> discriminator is written from the concrete class.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ActionSubmit), "Action.Submit")]
[JsonDerivedType(typeof(ActionExecute), "Action.Execute")]
[JsonDerivedType(typeof(ActionOpenUrl), "Action.OpenUrl")]
[JsonDerivedType(typeof(ActionShowCard), "Action.ShowCard")]
public abstract class CardAction : JsonExtensible
{
    public string? Id { get; set; }
    public string Title { get; set; } = "";
    public ActionStyle? Style { get; set; }
    public string? IconUrl { get; set; }

    /// <summary>What a client that does not know this action shows instead.</summary>
    public CardAction? Fallback { get; set; }
}

/// <summary>Sends the card's inputs and <see cref="Data"/> back as a message whose <c>value</c> holds them.</summary>
public sealed class ActionSubmit : CardAction
{
    public ActionSubmit() { }

    public ActionSubmit(string title, object? data = null)
    {
        Title = title;
        Data = data is null ? null : ProtocolJson.ToElement(data);
    }

    public JsonElement? Data { get; set; }

    /// <summary><c>auto</c> (validate and send the inputs) or <c>none</c> (send no inputs, e.g. Cancel).</summary>
    public string? AssociatedInputs { get; set; }
}

/// <summary>
/// A universal action: sent as an <c>adaptiveCard/action</c> invoke, answered with a card that replaces this one
/// for the clicker. Use <see cref="Create"/>, which adds the Action.Submit fallback older clients need.
/// </summary>
public sealed class ActionExecute : CardAction
{
    /// <summary>The key that carries the verb in the fallback Action.Submit's data.</summary>
    public const string FallbackVerbKey = "verb";

    public string? Verb { get; set; }
    public JsonElement? Data { get; set; }
    public string? AssociatedInputs { get; set; }

    /// <summary>
    /// An Action.Execute with an Action.Submit fallback carrying the same data plus the verb under
    /// <see cref="FallbackVerbKey"/>, so a bot can treat both arrivals alike.
    /// </summary>
    public static ActionExecute Create(string title, string verb, object? data = null)
    {
        var element = data is null ? (JsonElement?)null : ProtocolJson.ToElement(data);
        var fallbackData = element is { ValueKind: JsonValueKind.Object } e
            ? JsonNode.Parse(e.GetRawText())!.AsObject()
            : [];
        fallbackData[FallbackVerbKey] = verb;
        return new ActionExecute
        {
            Title = title,
            Verb = verb,
            Data = element,
            Fallback = new ActionSubmit { Title = title, Data = ProtocolJson.ToElement(fallbackData) },
        };
    }

    /// <summary>Sends none of the card's inputs (and validates none), for Cancel or No; its fallback too.</summary>
    public ActionExecute WithoutInputs()
    {
        AssociatedInputs = "none";
        if (Fallback is ActionSubmit submit)
        {
            submit.AssociatedInputs = "none";
        }

        return this;
    }
}

/// <summary>Opens a URL.</summary>
public sealed class ActionOpenUrl : CardAction
{
    public ActionOpenUrl() { }

    public ActionOpenUrl(string title, string url)
    {
        Title = title;
        Url = url;
    }

    public string Url { get; set; } = "";
}

/// <summary>Reveals a nested card (e.g. a comment form) inside the card.</summary>
public sealed class ActionShowCard : CardAction
{
    public AdaptiveCard? Card { get; set; }
}

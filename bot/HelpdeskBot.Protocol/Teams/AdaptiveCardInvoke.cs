using System.Text.Json;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Protocol.Teams;

/// <summary>The value of an <c>adaptiveCard/action</c> invoke (Action.Execute or a card refresh).</summary>
public sealed class AdaptiveCardInvokeValue : JsonExtensible
{
    public const string InvokeName = "adaptiveCard/action";

    public AdaptiveCardInvokeAction? Action { get; set; }

    /// <summary><c>manual</c> for a click, <c>automatic</c> for a refresh.</summary>
    public string? Trigger { get; set; }
}

/// <summary>The action inside <see cref="AdaptiveCardInvokeValue"/>.</summary>
public sealed class AdaptiveCardInvokeAction : JsonExtensible
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Verb { get; set; }

    /// <summary>The action's data merged with the card's inputs.</summary>
    public JsonElement? Data { get; set; }
}

/// <summary>
/// The answer to an <c>adaptiveCard/action</c> invoke: a card that replaces the clicked one, a message, or an error.
/// </summary>
public sealed class AdaptiveCardInvokeResponse
{
    public const string CardType = Attachment.AdaptiveCardContentType;
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public int StatusCode { get; init; }
    public string Type { get; init; } = "";
    public object? Value { get; init; }

    public static AdaptiveCardInvokeResponse Card(AdaptiveCard card) =>
        new() { StatusCode = 200, Type = CardType, Value = card };

    public static AdaptiveCardInvokeResponse Message(string text) =>
        new() { StatusCode = 200, Type = MessageType, Value = text };

    /// <summary>A 400 (the user's mistake) or 500 (ours) with a code and message the client shows.</summary>
    public static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) =>
        new() { StatusCode = statusCode, Type = ErrorType, Value = new Error { Code = code, Message = message } };
}

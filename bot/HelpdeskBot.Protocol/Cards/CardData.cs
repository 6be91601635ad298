using System.Text.Json;

namespace HelpdeskBot.Protocol.Cards;

/// <summary>Reads what a card action sent (its data and the inputs), which a client may send with any JSON type.</summary>
public static class CardData
{
    /// <summary>The string property <paramref name="name"/> of <paramref name="data"/>; null when absent or of another type.</summary>
    public static string? String(JsonElement? data, string name) =>
        data is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String
            ? p.GetString()
            : null;
}

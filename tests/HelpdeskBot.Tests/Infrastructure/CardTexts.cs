using System.Text.Json;

namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>What a card says, for assertions: every string in it (texts, input values, action data), one a line, unescaped.</summary>
public static class CardTexts
{
    public static string Of(JsonElement card) => string.Join("\n", Strings(card));

    /// <summary>The card's input <paramref name="id"/> (a top-level body element).</summary>
    public static JsonElement Input(JsonElement card, string id) =>
        card.GetProperty("body").EnumerateArray().Single(e => e.TryGetProperty("id", out var i) && i.GetString() == id);

    /// <summary>What the input <paramref name="id"/> already holds; null when empty.</summary>
    public static string? InputValue(JsonElement card, string id) =>
        Input(card, id).TryGetProperty("value", out var value) ? value.GetString() : null;

    /// <summary>The card's buttons that open a catalog form, as (title, item, message carried).</summary>
    public static List<(string? Title, string? Item, string? Message)> FormButtons(JsonElement card) =>
        [.. card.GetProperty("actions").EnumerateArray()
            .Where(a => a.GetProperty("type").GetString() == "Action.Execute" && a.GetProperty("verb").GetString() == HelpdeskBot.Catalog.CatalogChoiceCard.OpenVerb)
            .Select(a => (a.GetProperty("title").GetString(), a.GetProperty("data").GetProperty("item").GetString(),
                a.GetProperty("data").TryGetProperty("message", out var m) ? m.GetString() : null))];

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}

using System.Text.Json;

namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>What a card says, for assertions: every string in it (texts, input values, action data), one a line, unescaped.</summary>
public static class CardTexts
{
    public static string Of(JsonElement card) => string.Join("\n", Strings(card));

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}

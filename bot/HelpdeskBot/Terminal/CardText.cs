using System.Text;
using System.Text.Json;

namespace HelpdeskBot.Terminal;

/// <summary>
/// An Adaptive Card as readable terminal text, with its actions numbered and its inputs listed by their labels so the
/// chat can prompt for them. Markdown is shown as a terminal shows it (<see cref="TerminalMarkdown"/>).
/// </summary>
public sealed class CardText
{
    private readonly StringBuilder _text = new();
    private readonly bool _ansi;

    private CardText(bool ansi) => _ansi = ansi;

    public string Text => _text.ToString();
    public List<JsonElement> Actions { get; } = [];
    public List<JsonElement> Inputs { get; } = [];

    /// <summary>Renders a card; actions are numbered from <paramref name="firstActionNumber"/>; ANSI bold when <paramref name="ansi"/>.</summary>
    public static CardText Render(JsonElement card, bool ansi = false, int firstActionNumber = 1)
    {
        var result = new CardText(ansi);
        result.RenderItems(card, "body", "  ");
        result.CollectActions(card, "actions");
        for (var i = 0; i < result.Actions.Count; i++)
        {
            result._text.Append($"  [{firstActionNumber + i}] {TerminalMarkdown.Render(Str(result.Actions[i], "title") ?? Str(result.Actions[i], "type") ?? "", ansi)}");
            result._text.AppendLine(Str(result.Actions[i], "type") == "Action.OpenUrl" ? $" -> {Str(result.Actions[i], "url")}" : "");
        }

        return result;
    }

    private void RenderItems(JsonElement parent, string property, string indent)
    {
        if (!parent.TryGetProperty(property, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var item in items.EnumerateArray())
        {
            RenderElement(item, indent);
        }
    }

    private void RenderElement(JsonElement element, string indent)
    {
        if (element.TryGetProperty("isVisible", out var visible) && visible.ValueKind == JsonValueKind.False)
        {
            return;
        }

        switch (Str(element, "type"))
        {
            case "TextBlock":
                var text = TerminalMarkdown.Render(Str(element, "text") ?? "", _ansi);
                var heading = Str(element, "weight") is "bolder" || Str(element, "size") is "large" or "extraLarge";
                Line(indent, heading ? TerminalMarkdown.Strong(text, _ansi) : text);
                break;
            case "RichTextBlock": // TextRuns are never Markdown: shown as they are
                Line(indent, string.Concat(Array(element, "inlines").Select(i =>
                    Str(i, "weight") is "bolder" ? TerminalMarkdown.Strong(Str(i, "text") ?? "", _ansi) : Str(i, "text"))));
                break;
            case "FactSet":
                foreach (var fact in Array(element, "facts"))
                {
                    Line(indent, $"{TerminalMarkdown.Render(Str(fact, "title") ?? "", _ansi)}: {TerminalMarkdown.Render(Str(fact, "value") ?? "", _ansi)}");
                }

                break;
            case "ColumnSet":
                foreach (var column in Array(element, "columns"))
                {
                    RenderItems(column, "items", indent);
                }

                break;
            case "Container":
                RenderItems(element, "items", indent);
                break;
            case "Image":
                Line(indent, $"[image: {Str(element, "altText") ?? Str(element, "url")}]");
                break;
            case "ActionSet":
                CollectActions(element, "actions");
                break;
            case { } type when type.StartsWith("Input.", StringComparison.Ordinal):
                Inputs.Add(element);
                Line(indent, $"{InputPrompt.Label(element)}{Shown(type, element)}");
                break;
        }
    }

    // A field as its label shows it: what it holds, else its placeholder as a hint; it is asked for on submit.
    private static string Shown(string type, JsonElement input) =>
        type == "Input.Text" && Str(input, "value") is { Length: > 0 } value ? $": {value}" : InputPrompt.PlaceholderHint(input);

    private void CollectActions(JsonElement parent, string property) => Actions.AddRange(Array(parent, property));

    private void Line(string indent, string text)
    {
        foreach (var line in text.Split('\n'))
        {
            _text.Append(indent).AppendLine(line.TrimEnd());
        }
    }

    internal static string? Str(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString()
            : null;

    internal static IEnumerable<JsonElement> Array(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) &&
        value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HelpdeskBot.Terminal;

/// <summary>Asks for a card input in the terminal and checks it as a Teams client would before submitting.</summary>
public static class InputPrompt
{
    public static string Label(JsonElement input) =>
        CardText.Str(input, "label") ?? CardText.Str(input, "title") ?? CardText.Str(input, "placeholder") ?? CardText.Str(input, "id") ?? "";

    /// <summary>
    /// Prompts until the answer is valid; null when the input stream ends. With <paramref name="echo"/> (piped input)
    /// each answer is written after its prompt, so a transcript reads as a person typing.
    /// </summary>
    public static async Task<string?> AskAsync(JsonElement input, TextReader reader, TextWriter writer, bool echo = false)
    {
        var type = CardText.Str(input, "type");
        var choices = CardText.Array(input, "choices").ToList();
        var required = CardText.Str(input, "isRequired") == "True" || CardText.Str(input, "isRequired") == "true";
        for (var i = 0; i < choices.Count; i++)
        {
            await writer.WriteLineAsync($"      {i + 1}) {CardText.Str(choices[i], "title")}");
        }

        // A text the card already holds (what was said in chat) is kept by pressing Enter, as in Teams.
        var preset = type == "Input.Text" && CardText.Str(input, "value") is { Length: > 0 } v ? v : null;
        while (true)
        {
            await writer.WriteAsync($"    {Label(input)}{(required ? " *" : "")}{Hint(type, input)}{Example(input, preset)}{Preset(preset)}: ");
            var answer = await reader.ReadLineAsync();
            if (echo || answer is null)
            {
                await writer.WriteLineAsync(answer);
            }

            if (answer is null)
            {
                return null;
            }

            answer = answer.Trim();
            if (answer.Length == 0 && preset is not null)
            {
                answer = preset;
            }

            var (value, error) = Check(type, input, choices, answer, required);
            if (error is null)
            {
                return value;
            }

            await writer.WriteLineAsync($"    ! {error}");
        }
    }

    private static string Example(JsonElement input, string? preset) => preset is null ? PlaceholderHint(input) : "";

    /// <summary>The placeholder a card shows in an empty field, as a hint: " (e.g. London, desk 42)"; empty when it is the label.</summary>
    public static string PlaceholderHint(JsonElement input) =>
        CardText.Str(input, "placeholder") is { Length: > 0 } placeholder && placeholder != Label(input) ? $" (e.g. {placeholder})" : "";

    private static string Preset(string? preset) =>
        preset is null ? "" : $" [Enter keeps \"{preset.Shorten(60)}\"]";

    private static string Hint(string? type, JsonElement input) => type switch
    {
        "Input.Toggle" => " (y/n)",
        "Input.Date" => " (yyyy-mm-dd)",
        "Input.Time" => " (hh:mm)",
        "Input.ChoiceSet" when CardText.Str(input, "isMultiSelect") is "True" or "true" => " (numbers, comma-separated)",
        "Input.ChoiceSet" => " (number)",
        _ => "",
    };

    private static (string? Value, string? Error) Check(
        string? type, JsonElement input, List<JsonElement> choices, string answer, bool required)
    {
        if (answer.Length == 0)
        {
            return required ? (null, "This field is required.") : ("", null);
        }

        return type switch
        {
            "Input.Toggle" => answer.ToLowerInvariant() is "y" or "yes" or "true" or "1"
                ? (CardText.Str(input, "valueOn") ?? "true", null)
                : (CardText.Str(input, "valueOff") ?? "false", null),
            "Input.ChoiceSet" => Choose(choices, answer),
            "Input.Date" => CheckDate(input, answer),
            "Input.Time" => TimeOnly.TryParseExact(answer, "HH:mm", out _) ? (answer, null) : (null, "Use the form hh:mm."),
            "Input.Number" => CheckNumber(input, answer),
            _ => CardText.Str(input, "regex") is { } regex && !Regex.IsMatch(answer, regex, RegexOptions.None, TimeSpan.FromSeconds(1))
                ? (null, CardText.Str(input, "errorMessage") ?? "That doesn't look right.")
                : (answer, null),
        };
    }

    private static (string?, string?) Choose(List<JsonElement> choices, string answer)
    {
        var picked = new List<string>();
        foreach (var part in answer.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var match = int.TryParse(part, out var n) && n >= 1 && n <= choices.Count
                ? CardText.Str(choices[n - 1], "value")
                : choices.Select(c => CardText.Str(c, "value")).FirstOrDefault(v => string.Equals(v, part, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                return (null, $"\"{part}\" is not one of the choices: pick 1 to {choices.Count}.");
            }

            picked.Add(match);
        }

        return (string.Join(',', picked), null);
    }

    private static (string?, string?) CheckNumber(JsonElement input, string answer)
    {
        if (!double.TryParse(answer, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return (null, $"\"{answer}\" is not a number: it must be a number{Between(CardText.Str(input, "min"), CardText.Str(input, "max"))}.");
        }

        var min = CardText.Str(input, "min");
        var max = CardText.Str(input, "max");
        return (min is not null && number < double.Parse(min, CultureInfo.InvariantCulture)) ||
               (max is not null && number > double.Parse(max, CultureInfo.InvariantCulture))
            ? (null, $"It must be a number{Between(min, max)}.")
            : (answer, null);
    }

    private static string Between(string? min, string? max) => (min, max) switch
    {
        (not null, not null) => $" from {min} to {max}",
        (not null, null) => $" of at least {min}",
        (null, not null) => $" of at most {max}",
        _ => "",
    };

    private static (string?, string?) CheckDate(JsonElement input, string answer)
    {
        if (!DateOnly.TryParseExact(answer, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, $"\"{answer}\" is not a date: use the form yyyy-mm-dd.");
        }

        return CardText.Str(input, "min") is { } min && DateOnly.TryParseExact(min, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) && date < first
            ? (null, $"It must be {min} or later.")
            : (answer, null);
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HelpdeskBot.Catalog;

/// <summary>
/// Checks a submitted intake form on the server (clients may skip isRequired/regex, and card data can be forged):
/// required, pattern, range, date, choices, toggles and length. Fields the item does not have are ignored.
/// </summary>
public sealed class IntakeValidator(ServiceCatalog catalog)
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Validates against the item named in the card data; an unknown id is a form error, not an exception.</summary>
    /// <param name="today">The requester's date, for fields that take no date in the past.</param>
    public IntakeResult Validate(string? itemId, JsonElement submitted, DateOnly? today = null)
    {
        var item = catalog.Find(itemId);
        if (item is null)
        {
            var errors = new Dictionary<string, string> { [IntakeResult.FormError] = "This form is for a catalog item that no longer exists. Please start a new request." };
            return new IntakeResult(null, new Dictionary<string, string>(), new Dictionary<string, string>(), errors);
        }

        return Validate(item, submitted, today);
    }

    public static IntakeResult Validate(CatalogItem item, JsonElement submitted, DateOnly? today = null)
    {
        // Anything but a string is taken as its JSON text: a forged object or number then fails the field's checks.
        var values = new Dictionary<string, string?>();
        if (submitted.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in item.Fields)
            {
                if (submitted.TryGetProperty(field.Id, out var value))
                {
                    values[field.Id] = AsText(value);
                }
            }
        }

        return Validate(item, values, today);
    }

    public static IntakeResult Validate(CatalogItem item, IReadOnlyDictionary<string, string?> submitted, DateOnly? today = null)
    {
        var values = new Dictionary<string, string>();
        var typed = new Dictionary<string, string>();
        var errors = new Dictionary<string, string>();
        foreach (var field in item.Fields)
        {
            var raw = submitted.GetValueOrDefault(field.Id);
            if (raw is not null)
            {
                // shown again in the card: kept up to the field's limit, so an oversized answer cannot make the card too big for Teams
                typed[field.Id] = raw.Length <= field.EffectiveMaxLength ? raw : raw[..field.EffectiveMaxLength];
            }

            var (value, error) = Check(field, field.Type == CatalogFieldTypes.Multiline ? raw?.TrimEnd() : raw?.Trim(), today);
            if (error is not null)
            {
                errors[field.Id] = error;
            }
            else if (value is not null)
            {
                values[field.Id] = value;
            }
        }

        return new IntakeResult(item, values, typed, errors);
    }

    private static (string? Value, string? Error) Check(CatalogField field, string? text, DateOnly? today)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, field.Required ? $"{field.Label}: please fill this in." : null);
        }

        if (text.Length > field.EffectiveMaxLength)
        {
            return (null, $"{field.Label}: {text.Length:N0} characters is too long; the limit is {field.EffectiveMaxLength:N0}.");
        }

        return field.Type switch
        {
            CatalogFieldTypes.Text or CatalogFieldTypes.Multiline => CheckPattern(field, text),
            CatalogFieldTypes.Number => CheckNumber(field, text),
            CatalogFieldTypes.Date => CheckDate(field, text, today),
            CatalogFieldTypes.Toggle => bool.TryParse(text, out var on)
                ? (on ? "true" : "false", null)
                : (null, $"{field.Label}: expected true or false."),
            CatalogFieldTypes.Choice => CheckChoices(field, [text]),
            CatalogFieldTypes.MultiChoice => CheckChoices(field, text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
            _ => (null, $"{field.Label}: this kind of field cannot be checked."),
        };
    }

    private static (string?, string?) CheckPattern(CatalogField field, string text)
    {
        if (field.Pattern is null)
        {
            return (text, null);
        }

        try
        {
            return Regex.IsMatch(text, field.Pattern, RegexOptions.CultureInvariant, RegexTimeout)
                ? (text, null)
                : (null, $"{field.Label}: {field.PatternMessage ?? "this is not in the expected format."}");
        }
        catch (RegexMatchTimeoutException)
        {
            return (null, $"{field.Label}: this could not be checked; please shorten or simplify it.");
        }
    }

    private static (string?, string?) CheckNumber(CatalogField field, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return (null, $"{field.Label}: \"{Shown(text)}\" is not a number; enter {field.NumberRule}.");
        }

        if (number < field.Min || number > field.Max)
        {
            return (null, $"{field.Label}: must be {field.NumberRule}.");
        }

        return (number.ToString(CultureInfo.InvariantCulture), null);
    }

    private static (string?, string?) CheckDate(CatalogField field, string text, DateOnly? today)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, $"{field.Label}: \"{Shown(text)}\" is not a date; use yyyy-mm-dd.");
        }

        if (field.NotInPast && date < today)
        {
            return (null, $"{field.Label}: must be today or later; {date:yyyy-MM-dd} has passed.");
        }

        return (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
    }

    // A wrong answer quoted back, short enough for one line of a card.
    private static string Shown(string text) => text.Shorten(40);

    private static (string?, string?) CheckChoices(CatalogField field, string[] answers)
    {
        if (answers.Length == 0 || answers.Any(a => field.Choices.All(c => c.Value != a)))
        {
            return (null, $"{field.Label}: {(answers.Length == 0 ? "please pick" : $"\"{Shown(string.Join(",", answers))}\" is not one of the choices; pick")} from the list.");
        }

        return (string.Join(",", answers.Distinct()), null);
    }

    private static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}

using System.Globalization;

namespace HelpdeskBot.Catalog;

/// <summary>One input of an intake form. <see cref="Type"/> is one of <see cref="CatalogFieldTypes"/>.</summary>
public sealed class CatalogField
{
    public const int DefaultMaxLength = 4000;

    public string Id { get; init; } = "";
    public string Label { get; init; } = "";
    public string Type { get; init; } = "";
    public bool Required { get; init; }

    /// <summary>A regular expression the whole answer must match (write it anchored: ^...$); text fields only.</summary>
    public string? Pattern { get; init; }

    /// <summary>Shown when the pattern does not match, e.g. "An employee number is 6 digits".</summary>
    public string? PatternMessage { get; init; }

    /// <summary>A date field that takes today or later only ("Needed by", "Start date").</summary>
    public bool NotInPast { get; init; }

    public double? Min { get; init; }
    public double? Max { get; init; }
    public int? MaxLength { get; init; }
    public List<CatalogChoice> Choices { get; init; } = [];
    public string? Help { get; init; }
    public string? Placeholder { get; init; }

    public int EffectiveMaxLength => MaxLength ?? DefaultMaxLength;

    public bool HasChoices => Type is CatalogFieldTypes.Choice or CatalogFieldTypes.MultiChoice;

    /// <summary>A stored answer as people read it: choices by their titles, a toggle as Yes or No.</summary>
    public string Show(string value) => this switch
    {
        { HasChoices: true } => string.Join(", ", value.Split(',').Select(v => Choices.FirstOrDefault(c => c.Value == v)?.Title ?? v)),
        { Type: CatalogFieldTypes.Toggle } => value == "true" ? "Yes" : "No",
        _ => value,
    };

    /// <summary>
    /// What an answer must be, as the card's error message: a client shows it for any failed check, so it names the
    /// rule ("How many of each: a number from 1 to 5."), not just "required".
    /// </summary>
    public string? Rule => Type switch
    {
        CatalogFieldTypes.Text or CatalogFieldTypes.Multiline when Pattern is not null => PatternMessage ?? $"{Label}: please check the format.",
        CatalogFieldTypes.Number => $"{Label}: {NumberRule}.",
        CatalogFieldTypes.Choice => $"{Label}: pick one from the list.",
        CatalogFieldTypes.MultiChoice => $"{Label}: pick one or more from the list.",
        CatalogFieldTypes.Date => $"{Label}: a date{(NotInPast ? ", today or later" : "")}.",
        _ => Required ? $"{Label}: please fill this in." : null,
    };

    /// <summary>"a number from 1 to 5", "a number of at least 1", "a number".</summary>
    public string NumberRule => (Min, Max) switch
    {
        ({ } min, { } max) => $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}",
        ({ } min, null) => $"a number of at least {min.ToString(CultureInfo.InvariantCulture)}",
        (null, { } max) => $"a number of at most {max.ToString(CultureInfo.InvariantCulture)}",
        _ => "a number",
    };
}

/// <summary>An answer of a choice field: what people see and what the ticket stores.</summary>
public sealed record CatalogChoice(string Title, string Value);

/// <summary>The field types a catalog may use.</summary>
public static class CatalogFieldTypes
{
    public const string Text = "text";
    public const string Multiline = "multiline";
    public const string Choice = "choice";
    public const string MultiChoice = "multichoice";
    public const string Date = "date";
    public const string Toggle = "toggle";
    public const string Number = "number";

    public static IReadOnlyList<string> All { get; } = [Text, Multiline, Choice, MultiChoice, Date, Toggle, Number];
}

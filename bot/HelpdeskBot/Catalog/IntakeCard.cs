using System.Globalization;
using System.Security.Cryptography;
using HelpdeskBot.Protocol.Cards;

namespace HelpdeskBot.Catalog;

/// <summary>
/// The form for one catalog item: one input per field (client-side isRequired/regex), the answers given so far and
/// the server's errors under their fields. Catalog text goes into TextRuns and input labels, which are never Markdown.
/// </summary>
public static class IntakeCard
{
    public const string SubmitVerb = "catalog.submit";

    /// <summary>What Submit carries back with the inputs; <paramref name="Token"/> is new per card, so a double submit is one request.</summary>
    public sealed record Submit(string Action, string Item, string Token);

    /// <summary>
    /// What the employee wrote in chat as the answer of the item's <see cref="CatalogItem.MessageField"/>; null when the
    /// item has none or there is nothing to put there.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? FromMessage(CatalogItem item, string? message) =>
        item.MessageField is { } field && !string.IsNullOrWhiteSpace(message)
            ? new Dictionary<string, string> { [field] = message.Trim() }
            : null;

    /// <param name="today">The requester's date: the earliest a field that takes no past date offers.</param>
    /// <param name="token">What its Submit carries back (a random one when not given).</param>
    public static AdaptiveCard Build(
        CatalogItem item, IReadOnlyDictionary<string, string>? values = null, IReadOnlyDictionary<string, string>? errors = null,
        DateOnly? today = null, string? token = null)
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                Text(item.Title, t => { t.Size = TextSize.Medium; t.Weight = TextWeight.Bolder; }),
                Text(item.Description, t => t.IsSubtle = true),
            ],
            Actions = [ActionExecute.Create("Submit", SubmitVerb, new Submit(SubmitVerb, item.Id, token ?? NewToken()))],
            FallbackText = item.Title,
        };
        if (errors?.GetValueOrDefault(IntakeResult.FormError) is { } formError)
        {
            card.Body.Add(Text(formError, t => t.Color = TextColor.Attention));
        }

        foreach (var field in item.Fields)
        {
            card.Body.Add(Input(field, values?.GetValueOrDefault(field.Id), today));
            if (field.Help is not null)
            {
                card.Body.Add(Text(field.Help, t => { t.IsSubtle = true; t.Size = TextSize.Small; }, Spacing.None));
            }

            if (errors?.GetValueOrDefault(field.Id) is { } error)
            {
                card.Body.Add(Text(error, t => t.Color = TextColor.Attention, Spacing.None));
            }
        }

        return card;
    }

    private static CardInput Input(CatalogField field, string? value, DateOnly? today)
    {
        CardInput input = field.Type switch
        {
            CatalogFieldTypes.Choice or CatalogFieldTypes.MultiChoice => new InputChoiceSet
            {
                Choices = field.Choices.Select(c => new Choice(c.Title, c.Value)).ToList(),
                IsMultiSelect = field.Type == CatalogFieldTypes.MultiChoice ? true : null,
                Value = value,
                Placeholder = field.Placeholder,
            },
            CatalogFieldTypes.Date => new InputDate
            {
                Value = IsIsoDate(value) ? value : null,
                Min = field.NotInPast ? today?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                Placeholder = field.Placeholder,
            },
            CatalogFieldTypes.Toggle => new InputToggle { Title = field.Label, Value = value == "true" ? "true" : "false", ValueOn = "true", ValueOff = "false" },
            CatalogFieldTypes.Number => new InputNumber
            {
                Min = field.Min,
                Max = field.Max,
                Value = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null,
                Placeholder = field.Placeholder,
            },
            _ => new InputText
            {
                IsMultiline = field.Type == CatalogFieldTypes.Multiline ? true : null,
                Regex = field.Pattern,
                MaxLength = field.EffectiveMaxLength,
                // Over-long text is cut to what the field takes, so the card stays sendable; the error says so.
                Value = value is { Length: > 0 } ? value[..Math.Min(value.Length, field.EffectiveMaxLength)] : null,
                Placeholder = field.Placeholder,
            },
        };
        input.Id = field.Id;
        input.Label = field.Type == CatalogFieldTypes.Toggle ? null : field.Label; // a toggle's title is its label already
        input.IsRequired = field.Required ? true : null;
        input.ErrorMessage = field.Rule;
        return input;
    }

    private static bool IsIsoDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Plain text: a TextRun is never read as Markdown, so catalog and user text cannot become links or markup.</summary>
    internal static RichTextBlock Text(string text, Action<TextRun> style, Spacing? spacing = null)
    {
        var run = new TextRun(text);
        style(run);
        return new RichTextBlock { Inlines = [run], Spacing = spacing };
    }
}

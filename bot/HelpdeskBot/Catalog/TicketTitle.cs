using System.Text.RegularExpressions;

namespace HelpdeskBot.Catalog;

/// <summary>
/// Fills a catalog item's ticket title template ("{service}: {description}") with the answers: a choice by its
/// title, text by its first line, the whole kept short enough to read in a list.
/// </summary>
public static partial class TicketTitle
{
    public const int MaxLength = 120;

    public static string Format(CatalogItem item, IReadOnlyDictionary<string, string> values)
    {
        if (string.IsNullOrWhiteSpace(item.TicketTitle))
        {
            return item.Title;
        }

        var title = Placeholder().Replace(item.TicketTitle, m => Shown(item.FindField(m.Groups[1].Value), values.GetValueOrDefault(m.Groups[1].Value)));
        title = Spaces().Replace(title, " ").Trim();
        return title.Length == 0 ? item.Title : title.Shorten(MaxLength);
    }

    /// <summary>The field ids a template names, for checking a catalog.</summary>
    public static IEnumerable<string> FieldsOf(string template) => Placeholder().Matches(template).Select(m => m.Groups[1].Value);

    private static string Shown(CatalogField? field, string? value)
    {
        if (field is null || string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        return field.Show(value.Trim()).Split('\n')[0].Trim();
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_-]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

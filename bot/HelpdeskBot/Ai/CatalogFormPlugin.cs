using System.ComponentModel;
using System.Globalization;
using HelpdeskBot.Catalog;
using Microsoft.SemanticKernel;

namespace HelpdeskBot.Ai;

/// <summary>
/// The service catalog's forms, for the chat model: it may read them and prepare one filled in from the conversation.
/// Preparing files nothing: the person is shown the usual intake card with those answers, to check and submit
/// themselves. Answers a field cannot take (an unknown field, a choice the form does not offer) are left empty.
/// </summary>
public sealed class CatalogFormPlugin(ServiceCatalog catalog)
{
    public const string PluginName = "forms";

    /// <summary>The form the model prepared this turn (its last, if it prepared several); null when none.</summary>
    public PreparedForm? Prepared { get; private set; }

    [KernelFunction("list_forms")]
    [Description("The service catalog's forms: each one's id, title and purpose, and its fields (id, label, type, whether required, choices).")]
    public string List() => string.Join("\n", catalog.Items.Select(Describe));

    [KernelFunction("prepare_form")]
    [Description("Prepares a catalog form filled in from the conversation, for the person to check, change and submit themselves. Nothing is filed by preparing it.")]
    public string Prepare(
        [Description("The form's id, from list_forms")] string formId,
        [Description("Field id to answer, only for what the person said: choices by their value, dates as yyyy-MM-dd, toggles as true or false")]
        Dictionary<string, string>? values = null)
    {
        if (catalog.Find(formId) is not { } item)
        {
            return $"There is no form '{formId}'. Call list_forms for the ids.";
        }

        var answers = (values ?? []).Select(v => (v.Key, Value: v.Value?.Trim() ?? "")).ToList();
        var kept = answers.Where(a => item.FindField(a.Key) is { } field && Takes(field, a.Value)).ToDictionary(a => a.Key, a => a.Value);
        Prepared = new PreparedForm(item, kept);
        var left = answers.Select(a => a.Key).Where(k => !kept.ContainsKey(k)).ToList();
        return $"Prepared the {item.Title} form with {kept.Count} answer(s). The person is shown it to check and submit; nothing has been filed." +
            (left.Count > 0 ? $" Left empty (no such field, or an answer it does not take): {string.Join(", ", left)}." : "");
    }

    private static string Describe(CatalogItem item) =>
        $"{item.Id}: {item.Title} ({item.Kind}). {item.Description} Fields: " +
        string.Join("; ", item.Fields.Select(f => $"{f.Id} \"{f.Label}\" {f.Type}{(f.Required ? ", required" : "")}" +
            (f.HasChoices ? $", choices {string.Join("|", f.Choices.Select(c => c.Value))}" : "")));

    private static bool Takes(CatalogField field, string value) => value.Length > 0 && field.Type switch
    {
        CatalogFieldTypes.Choice => field.Choices.Any(c => c.Value == value),
        CatalogFieldTypes.MultiChoice => value.Split(',').All(v => field.Choices.Any(c => c.Value == v.Trim())),
        CatalogFieldTypes.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        CatalogFieldTypes.Toggle => value is "true" or "false",
        CatalogFieldTypes.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n),
        _ => value.Length <= field.EffectiveMaxLength,
    };
}

using System.Text.RegularExpressions;

namespace HelpdeskBot.Catalog;

/// <summary>Everything a catalog file must get right, each mistake reported as "item 'x', field 'y': what is wrong".</summary>
public static class CatalogValidation
{
    private static readonly string[] Kinds = [CatalogItem.Request, CatalogItem.Incident];
    // The card's own data travels with the inputs (and the fallback Action.Submit adds "verb"): a field of that name
    // would overwrite it.
    private static readonly string[] ReservedFieldIds = ["action", "item", "token", "verb"];
    private static readonly string[] ApprovalTypes = [CatalogApproval.NoneType, CatalogApproval.ManagerType, CatalogApproval.GroupType];

    public static List<string> Check(IReadOnlyList<CatalogItem> items)
    {
        var errors = new List<string>();
        if (items.Count == 0)
        {
            errors.Add("no items (expected \"items\": [ ... ])");
        }

        // JSON nulls inside lists get past the nullable annotations: refuse them before anything reads them.
        if (items.Any(i => i is null || i.Fields.Any(f => f is null || f.Choices.Any(c => c is null))
            || i.Keywords.Any(k => k is null) || i.Examples.Any(e => e is null) || i.ApprovalRules.Any(r => r is null)))
        {
            errors.Add("an item, field, choice, keyword, example or approval rule is null");
            return errors;
        }

        foreach (var duplicate in items.GroupBy(i => i.Id).Where(g => g.Count() > 1))
        {
            errors.Add($"item '{duplicate.Key}': the id is used {duplicate.Count()} times; ids must be unique");
        }

        for (var i = 0; i < items.Count; i++)
        {
            CheckItem(items[i], $"item '{(string.IsNullOrWhiteSpace(items[i].Id) ? $"#{i + 1}" : items[i].Id)}'", errors);
        }

        return errors;
    }

    /// <summary>The sentence model reads about 1,000 characters; an example is one message.</summary>
    public const int MaxExampleLength = 500;

    private static void CheckItem(CatalogItem item, string where, List<string> errors)
    {
        Require(string.IsNullOrWhiteSpace(item.Id), where, "has no id", errors);
        Require(!Kinds.Contains(item.Kind), where, $"kind '{item.Kind}' is not one of {string.Join(", ", Kinds)}", errors);
        Require(string.IsNullOrWhiteSpace(item.Title), where, "has no title", errors);
        Require(string.IsNullOrWhiteSpace(item.FulfilmentGroup), where, "has no fulfilmentGroup", errors);
        Require(!CatalogLevels.IsValid(item.DefaultImpact), where, $"defaultImpact '{item.DefaultImpact}' is not high, medium or low", errors);
        Require(!CatalogLevels.IsValid(item.DefaultUrgency), where, $"defaultUrgency '{item.DefaultUrgency}' is not high, medium or low", errors);
        Require(item.Examples.Any(e => string.IsNullOrWhiteSpace(e) || e.Length > MaxExampleLength), where,
            $"an example is empty or longer than {MaxExampleLength} characters", errors);
        foreach (var duplicate in item.Fields.GroupBy(f => f.Id).Where(g => g.Count() > 1))
        {
            errors.Add($"{where}, field '{duplicate.Key}': the id is used {duplicate.Count()} times in the item");
        }

        foreach (var field in item.Fields)
        {
            CheckField(field, $"{where}, field '{field.Id}'", errors);
        }

        Require(item.MessageField is not null && item.FindField(item.MessageField)?.Type is not (CatalogFieldTypes.Text or CatalogFieldTypes.Multiline),
            where, $"messageField '{item.MessageField}' names no text or multiline field of the item", errors);
        foreach (var named in item.TicketTitle is { } template ? TicketTitle.FieldsOf(template) : [])
        {
            Require(item.FindField(named) is null, where, $"ticketTitle names '{named}', which is not a field of the item", errors);
        }

        CheckApproval(item.Approval, $"{where}, approval", errors);
        foreach (var rule in item.ApprovalRules)
        {
            var ruleWhere = $"{where}, approval rule on '{rule.Field}'";
            Require(item.FindField(rule.Field) is null, ruleWhere, "names a field the item does not have", errors);
            CheckApproval(rule.Approval, ruleWhere, errors);
        }

        CheckMapping(item, item.ImpactFrom, $"{where}, impactFrom", errors);
        CheckMapping(item, item.UrgencyFrom, $"{where}, urgencyFrom", errors);
    }

    private static void CheckField(CatalogField field, string where, List<string> errors)
    {
        Require(string.IsNullOrWhiteSpace(field.Id), where, "has no id", errors);
        Require(ReservedFieldIds.Contains(field.Id, StringComparer.OrdinalIgnoreCase), where,
            $"the id is reserved for the card's own data ({string.Join(", ", ReservedFieldIds)})", errors);
        Require(string.IsNullOrWhiteSpace(field.Label), where, "has no label", errors);
        Require(!CatalogFieldTypes.All.Contains(field.Type), where,
            $"type '{field.Type}' is not one of {string.Join(", ", CatalogFieldTypes.All)}", errors);
        Require(field.HasChoices && field.Choices.Count == 0, where, $"a {field.Type} field needs choices", errors);
        Require(!field.HasChoices && field.Choices.Count > 0, where, $"a {field.Type} field cannot have choices", errors);
        Require(field.Choices.Any(c => string.IsNullOrWhiteSpace(c.Value) || string.IsNullOrWhiteSpace(c.Title)), where,
            "every choice needs a title and a value", errors);
        Require(field.Choices.Any(c => c.Value?.Contains(',') == true), where, "choice values cannot contain commas", errors);
        Require(field.Pattern is not null && field.Type is not (CatalogFieldTypes.Text or CatalogFieldTypes.Multiline), where,
            "only text fields can have a pattern", errors);
        Require(field.Pattern is not null && !IsValidRegex(field.Pattern), where, $"pattern '{field.Pattern}' is not a valid regular expression", errors);
        Require((field.Min is not null || field.Max is not null) && field.Type != CatalogFieldTypes.Number, where,
            "only number fields can have min/max", errors);
        Require(field.Min > field.Max, where, $"min {field.Min} is above max {field.Max}", errors);
        Require(field.NotInPast && field.Type != CatalogFieldTypes.Date, where, "notInPast is for date fields", errors);
        Require(field.MaxLength is <= 0, where, "maxLength must be positive", errors);
    }

    private static void CheckApproval(CatalogApproval? approval, string where, List<string> errors)
    {
        if (approval is null)
        {
            errors.Add($"{where}: missing (use {{ \"type\": \"none\" }} for no approval)");
            return;
        }

        Require(!ApprovalTypes.Contains(approval.Type), where, $"type '{approval.Type}' is not one of {string.Join(", ", ApprovalTypes)}", errors);
        Require(approval.Type == CatalogApproval.GroupType && string.IsNullOrWhiteSpace(approval.Group), where, "a group approval needs a group name", errors);
        Require(approval.Type == CatalogApproval.GroupType && approval.Approvers.Count == 0, where, "a group approval needs approvers", errors);
    }

    private static void CheckMapping(CatalogItem item, CatalogLevelMapping? mapping, string where, List<string> errors)
    {
        if (mapping is null)
        {
            return;
        }

        var field = item.FindField(mapping.Field);
        Require(field is not { Type: CatalogFieldTypes.Choice }, where, $"'{mapping.Field}' is not a choice field of the item", errors);
        foreach (var (value, level) in mapping.Values)
        {
            Require(!CatalogLevels.IsValid(level), where, $"'{value}' maps to '{level}', which is not high, medium or low", errors);
            Require(field is not null && field.Choices.All(c => c.Value != value), where, $"'{value}' is not a choice of '{mapping.Field}'", errors);
        }
    }

    private static bool IsValidRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Require(bool broken, string where, string message, List<string> errors)
    {
        if (broken)
        {
            errors.Add($"{where}: {message}");
        }
    }
}

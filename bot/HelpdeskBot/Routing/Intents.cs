using System.Text.Json;
using HelpdeskBot.Catalog;

namespace HelpdeskBot.Routing;

/// <summary>
/// The capabilities a message can go to. The built-in ones are below, their example messages in <c>intents.json</c>
/// beside this file (compiled in); each catalog item is one more, with the examples of the catalog file.
/// </summary>
public static class Intents
{
    /// <summary>A question for the knowledge base: it answers, or says it has no article.</summary>
    public const string Answer = "answer";

    /// <summary>The person wants a person: the hand-over offer.</summary>
    public const string Person = "person";

    /// <summary>"is email down?": the active outages.</summary>
    public const string Outage = "outage";

    /// <summary>Outage notices on or off for a service, or which ones the person gets.</summary>
    public const string Subscribe = "subscribe";

    /// <summary>The person's own tickets.</summary>
    public const string Tickets = "tickets";

    public const string SmallTalk = "smalltalk";

    /// <summary>Not IT: leave, payroll, the building, the weather. Declined with where to go instead.</summary>
    public const string Decline = "decline";

    public static readonly IReadOnlySet<string> BuiltIn = new HashSet<string>([Answer, Person, Outage, Subscribe, Tickets, SmallTalk, Decline]);

    /// <summary>One example message and the intent it stands for; <see cref="Item"/> for a catalog item's.</summary>
    public sealed record Example(string Intent, string Text, CatalogItem? Item);

    private sealed record File(List<Entry> Intents);

    private sealed record Entry(string Id, string? Description, List<string> Examples);

    /// <summary>The built-in intents' examples and those of the catalog's items.</summary>
    public static IReadOnlyList<Example> Examples(ServiceCatalog catalog)
    {
        var examples = BuiltInExamples().ToList();
        foreach (var item in catalog.Items)
        {
            if (BuiltIn.Contains(item.Id))
            {
                throw new InvalidOperationException($"Catalog item '{item.Id}' has the name of a built-in intent; give it another id.");
            }

            examples.AddRange(item.Examples.Select(e => new Example(item.Id, e, item)));
        }

        return examples;
    }

    private static IEnumerable<Example> BuiltInExamples()
    {
        using var stream = typeof(Intents).Assembly.GetManifestResourceStream("HelpdeskBot.Routing.intents.json")
            ?? throw new InvalidOperationException("The built-in intents (Routing/intents.json) are not in the assembly.");
        var file = JsonSerializer.Deserialize<File>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidOperationException("Routing/intents.json is empty.");
        foreach (var entry in file.Intents)
        {
            if (!BuiltIn.Contains(entry.Id))
            {
                throw new InvalidOperationException($"Routing/intents.json: '{entry.Id}' is not a built-in intent ({string.Join(", ", BuiltIn)}).");
            }

            foreach (var text in entry.Examples)
            {
                yield return new Example(entry.Id, text, null);
            }
        }
    }
}

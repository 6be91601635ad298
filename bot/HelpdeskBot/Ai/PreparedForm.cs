using HelpdeskBot.Catalog;

namespace HelpdeskBot.Ai;

/// <summary>A catalog form the chat model filled in from the conversation, not yet seen by the person.</summary>
public sealed record PreparedForm(CatalogItem Item, IReadOnlyDictionary<string, string> Values);

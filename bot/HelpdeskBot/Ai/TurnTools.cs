using Microsoft.SemanticKernel;

namespace HelpdeskBot.Ai;

/// <summary>The chat model's plugins for one turn, and the forms plugin whose prepared form the turn then shows.</summary>
public sealed record TurnTools(IReadOnlyList<KernelPlugin> Plugins, CatalogFormPlugin Forms);

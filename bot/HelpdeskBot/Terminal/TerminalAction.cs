using System.Text.Json;

namespace HelpdeskBot.Terminal;

/// <summary>A card action the user can pick by number: the card (activity id) and conversation it came from.</summary>
public sealed record TerminalAction(
    JsonElement Action, string CardActivityId, List<JsonElement> Inputs, TerminalConversation Conversation);

namespace HelpdeskBot.Protocol.Schema;

/// <summary>A reaction added to or removed from a message (<c>like</c>, <c>heart</c>, ...).</summary>
public sealed class MessageReaction : JsonExtensible
{
    public string? Type { get; set; }
}

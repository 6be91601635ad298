namespace HelpdeskBot.Protocol.Schema;

/// <summary>The Connector's answer to a create conversation.</summary>
public sealed class ConversationResourceResponse : JsonExtensible
{
    public string? Id { get; set; }
    public string? ActivityId { get; set; }
    public string? ServiceUrl { get; set; }
}

using System.Text.Json;

namespace HelpdeskBot.Protocol.Schema;

/// <summary>The body of <c>POST v3/conversations</c>.</summary>
public sealed class ConversationParameters : JsonExtensible
{
    public bool? IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount>? Members { get; set; }
    public string? TopicName { get; set; }
    public string? TenantId { get; set; }
    public Activity? Activity { get; set; }
    public JsonElement? ChannelData { get; set; }
}

using System.Text.Json.Serialization;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Protocol.Teams;

/// <summary>The <c>channelData</c> Teams puts on activities.</summary>
public sealed class TeamsChannelData : JsonExtensible
{
    public TenantInfo? Tenant { get; set; }
    public TeamInfo? Team { get; set; }
    public ChannelInfo? Channel { get; set; }

    /// <summary>For conversationUpdate: <c>teamMemberAdded</c>, <c>channelCreated</c>, <c>teamRenamed</c>, ...</summary>
    public string? EventType { get; set; }

    public NotificationInfo? Notification { get; set; }
}

public sealed class TenantInfo : JsonExtensible
{
    public string? Id { get; set; }
}

public sealed class TeamInfo : JsonExtensible
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadGroupId { get; set; }
}

public sealed class ChannelInfo : JsonExtensible
{
    public string? Id { get; set; }
    public string? Name { get; set; }
}

/// <summary>Asks Teams to raise a notification (<c>alert</c>) for a bot message.</summary>
public sealed class NotificationInfo : JsonExtensible
{
    public bool? Alert { get; set; }

    [JsonPropertyName("alertInMeeting")]
    public bool? AlertInMeeting { get; set; }
}

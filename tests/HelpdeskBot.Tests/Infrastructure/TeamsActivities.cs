using System.Net.Http.Json;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>Activities shaped as Teams sends them, addressed to a channel's serviceUrl.</summary>
public static class TeamsActivities
{
    public const string BotId = "28:bot-app-id";
    public const string UserId = "29:user-1";
    public const string TenantId = "tenant-1";

    public static Activity Message(string serviceUrl, string text, string conversationId = "a:personal-1") => new()
    {
        Type = ActivityTypes.Message,
        Id = $"msg-{Guid.NewGuid():N}",
        Timestamp = DateTimeOffset.UtcNow,
        ChannelId = "msteams",
        ServiceUrl = serviceUrl,
        From = new ChannelAccount(UserId, "Ada Lovelace") { AadObjectId = "aad-user-1" },
        Recipient = new ChannelAccount(BotId, "HelpdeskBot"),
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = TenantId },
        Text = text,
        ChannelData = ProtocolJson.ToElement(new { tenant = new { id = TenantId } }),
    };

    public static Activity BotInstalled(string serviceUrl, string conversationId = "a:personal-1")
    {
        var activity = Message(serviceUrl, "", conversationId);
        activity.Type = ActivityTypes.ConversationUpdate;
        activity.Text = null;
        activity.MembersAdded = [new ChannelAccount(BotId)];
        return activity;
    }

    /// <summary>The bot added to a team: a conversationUpdate in the team's General channel with <c>channelData.team</c>.</summary>
    public static Activity BotInstalledInTeam(string serviceUrl, string teamId, string channelId = "19:general@thread.tacv2", string? aadGroupId = null)
    {
        var activity = BotInstalled(serviceUrl, channelId);
        activity.Conversation = new ConversationAccount { Id = channelId, ConversationType = "channel", IsGroup = true, TenantId = TenantId };
        activity.ChannelData = ProtocolJson.ToElement(new
        {
            team = new { id = teamId, aadGroupId, name = "IT Support" },
            channel = new { id = channelId },
            tenant = new { id = TenantId },
            eventType = "teamMemberAdded",
        });
        return activity;
    }

    public static Activity Invoke(string serviceUrl, string name, object value)
    {
        var activity = Message(serviceUrl, "");
        activity.Type = ActivityTypes.Invoke;
        activity.Text = null;
        activity.Name = name;
        activity.Value = ProtocolJson.ToElement(value);
        return activity;
    }

    public static Task<HttpResponseMessage> PostActivityAsync(this HttpClient client, Activity activity) =>
        client.PostAsJsonAsync("/api/messages", activity, ProtocolJson.Options);
}

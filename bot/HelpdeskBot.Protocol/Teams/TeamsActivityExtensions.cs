using System.Text.Json;
using System.Text.RegularExpressions;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Protocol.Teams;

/// <summary>Teams-specific reading of activities: channel data, tenant, mentions.</summary>
public static partial class TeamsActivityExtensions
{
    /// <summary>The Teams channel data, or an empty one when absent or unreadable.</summary>
    public static TeamsChannelData GetTeamsChannelData(this Activity activity)
    {
        try
        {
            return ProtocolJson.FromElement<TeamsChannelData>(activity.ChannelData) ?? new TeamsChannelData();
        }
        catch (JsonException)
        {
            return new TeamsChannelData();
        }
    }

    /// <summary>The tenant: channel data first (Teams' own), then the conversation.</summary>
    public static string? GetTenantId(this Activity activity) =>
        activity.GetTeamsChannelData().Tenant?.Id ?? activity.Conversation?.TenantId;

    /// <summary>The mentions in the activity's entities.</summary>
    public static IReadOnlyList<Mention> GetMentions(this Activity activity) =>
        [.. (activity.Entities ?? []).Select(Mention.FromEntity).OfType<Mention>()];

    /// <summary>
    /// The text without the bot's own @mention (channels and group chats only deliver messages that mention the bot),
    /// trimmed. Other mentions are left in place.
    /// </summary>
    public static string GetTextWithoutBotMention(this Activity activity)
    {
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        foreach (var mention in activity.GetMentions().Where(m => m.Mentioned.Id == botId && m.Text is { Length: > 0 }))
        {
            text = text.Replace(mention.Text!, "", StringComparison.OrdinalIgnoreCase);
        }

        // Some clients send the mention markup without a matching entity.
        var botName = activity.Recipient?.Name;
        if (!string.IsNullOrEmpty(botName))
        {
            text = text.Replace($"<at>{botName}</at>", "", StringComparison.OrdinalIgnoreCase);
        }

        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

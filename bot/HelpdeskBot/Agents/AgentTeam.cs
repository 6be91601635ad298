namespace HelpdeskBot.Agents;

/// <summary>
/// A team the bot is installed in, learnt from Teams' <c>conversationUpdate</c> (and any activity) carrying
/// <c>channelData.team</c>: where to post into its channels, and the id its members API answers to.
/// </summary>
public sealed class AgentTeam
{
    private AgentTeam() { }

    public int Id { get; private set; }

    /// <summary>The team's id (<c>19:…@thread.tacv2</c>, also its General channel's).</summary>
    public string TeamId { get; private set; } = "";

    /// <summary>The team's Entra group id: what a "Get link to channel" link calls <c>groupId</c>.</summary>
    public string? AadGroupId { get; private set; }

    public string? Name { get; private set; }
    public string ChannelId { get; private set; } = "";
    public string ServiceUrl { get; private set; } = "";
    public string? TenantId { get; private set; }
    public string? BotId { get; private set; }

    /// <summary>The service URL arrived on an authenticated activity, so it may get the bot's token.</summary>
    public bool Authenticated { get; private set; }

    public DateTimeOffset InstalledAt { get; private set; }

    /// <summary>Set while the bot is uninstalled from the team: nothing is posted there.</summary>
    public DateTimeOffset? RemovedAt { get; private set; }

    public bool IsInstalled => RemovedAt is null;

    public static AgentTeam Seen(string teamId, DateTimeOffset now) => new() { TeamId = teamId, InstalledAt = now };

    /// <summary>What an activity from the team says; true when it was not installed before (queues waiting may post now).</summary>
    public bool Update(string? aadGroupId, string? name, string channelId, string serviceUrl, string? tenantId, string? botId, bool authenticated, DateTimeOffset now)
    {
        var wasRemoved = RemovedAt is not null || ServiceUrl.Length == 0;
        (AadGroupId, Name, ChannelId, ServiceUrl, TenantId, BotId) =
            (aadGroupId ?? AadGroupId, name ?? Name, channelId, serviceUrl, tenantId ?? TenantId, botId ?? BotId);
        Authenticated = authenticated;
        if (wasRemoved)
        {
            (InstalledAt, RemovedAt) = (now, null);
        }

        return wasRemoved;
    }

    public void Remove(DateTimeOffset now) => RemovedAt ??= now;

    /// <summary>True when <paramref name="configuredTeamId"/> (from a link or settings) names this team.</summary>
    public bool IsNamedBy(string configuredTeamId) =>
        string.Equals(configuredTeamId, TeamId, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(configuredTeamId, AadGroupId, StringComparison.OrdinalIgnoreCase);
}

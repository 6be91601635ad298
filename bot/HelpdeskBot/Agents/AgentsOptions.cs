using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Agents;

/// <summary>
/// The "Agents" section: where each fulfilment group's queue is (a channel of a team where the bot is installed), for
/// deployments as code; with none here for a group, an admin sets one with <c>set queue</c> in the channel.
/// </summary>
public sealed class AgentsOptions
{
    public const string SectionName = "Agents";

    /// <summary>The group of tickets no catalog item assigns (incidents from chat, most of all).</summary>
    public const string ServiceDesk = "Service Desk";

    /// <summary><c>Agents:Queues:N:Group</c>, <c>:TeamId</c>, <c>:ChannelId</c>.</summary>
    public List<QueueOptions> Queues { get; set; } = [];

    /// <summary>How long a team's roster (the connector's members API) counts as who its agents are.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RosterCacheExpiry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often waiting queue posts are tried again without a wake (another instance's, or after a restart).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>One configured queue. The ids as a "Get link to channel" link shows them: escaped or not, either works.</summary>
public sealed class QueueOptions
{
    [Required, MaxLength(100)]
    public string Group { get; set; } = "";

    /// <summary>The link's <c>groupId</c> (the team's Entra group id), or the team's own id (<c>19:…@thread.tacv2</c>).</summary>
    [Required, MaxLength(256)]
    public string TeamId { get; set; } = "";

    /// <summary>The channel id in the link's path, <c>19:…@thread.tacv2</c> (or <c>19%3a…%40thread.tacv2</c>).</summary>
    [Required, MaxLength(256)]
    public string ChannelId { get; set; } = "";
}

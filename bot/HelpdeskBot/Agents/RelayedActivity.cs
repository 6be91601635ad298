namespace HelpdeskBot.Agents;

/// <summary>An inbound activity already relayed: a re-delivery of it (Teams retries) is relayed once.</summary>
public sealed class RelayedActivity
{
    private RelayedActivity() { }

    public int Id { get; private set; }
    public string ChannelId { get; private set; } = "";
    public string ActivityId { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    public static RelayedActivity Of(string channelId, string activityId, DateTimeOffset now) =>
        new() { ChannelId = channelId, ActivityId = activityId, At = now };
}

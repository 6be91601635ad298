namespace HelpdeskBot.Agents;

/// <summary>A group's queue set in Teams with <c>set queue</c> by an admin (configured queues come from <see cref="AgentsOptions"/>).</summary>
public sealed class QueueChannel
{
    private QueueChannel() { }

    public int Id { get; private set; }
    public string Group { get; private set; } = "";
    public string TeamId { get; private set; } = "";
    public string ChannelId { get; private set; } = "";
    public string SetBy { get; private set; } = "";
    public DateTimeOffset SetAt { get; private set; }

    public static QueueChannel Create(string group, string teamId, string channelId, string setBy, DateTimeOffset now) =>
        new() { Group = group, TeamId = teamId, ChannelId = channelId, SetBy = setBy, SetAt = now };

    public void MoveTo(string teamId, string channelId, string setBy, DateTimeOffset now) =>
        (TeamId, ChannelId, SetBy, SetAt) = (teamId, channelId, setBy, now);
}

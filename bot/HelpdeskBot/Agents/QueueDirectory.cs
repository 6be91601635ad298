using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Agents;

/// <summary>A queue the bot can post to now: the channel and the installed team it is in.</summary>
public sealed record ReachableQueue(string Group, string ChannelId, AgentTeam Team);

/// <summary>
/// Which channel is each group's queue (settings first, then <c>set queue</c>), and whether the bot can post there.
/// A group without a queue of its own goes to the service desk's.
/// </summary>
public sealed class QueueDirectory(HelpdeskDbContext db, IOptions<AgentsOptions> options)
{
    public static string GroupOf(string? assignmentGroup) =>
        assignmentGroup is { Length: > 0 } group ? group : AgentsOptions.ServiceDesk;

    /// <summary>The queue to post <paramref name="group"/>'s tickets to, or why there is none yet.</summary>
    public async Task<(ReachableQueue? Queue, string? Problem)> FindAsync(string group, CancellationToken cancellationToken)
    {
        var (own, ownProblem) = await FindOwnAsync(group, cancellationToken);
        if (own is not null || group == AgentsOptions.ServiceDesk)
        {
            return (own, ownProblem);
        }

        var (desk, deskProblem) = await FindOwnAsync(AgentsOptions.ServiceDesk, cancellationToken);
        return desk is not null ? (desk, null) : (null, $"{ownProblem}; nor can the {AgentsOptions.ServiceDesk} queue take it: {deskProblem}");
    }

    private async Task<(ReachableQueue?, string?)> FindOwnAsync(string group, CancellationToken cancellationToken)
    {
        var configured = options.Value.Queues.FirstOrDefault(q => string.Equals(q.Group, group, StringComparison.OrdinalIgnoreCase));
        var (teamId, channelId) = configured is not null
            ? (QueueIds.Clean(configured.TeamId), QueueIds.Clean(configured.ChannelId))
            : await db.Set<QueueChannel>().AsNoTracking().Where(q => q.Group == group)
                .Select(q => new ValueTuple<string, string>(q.TeamId, q.ChannelId)).FirstOrDefaultAsync(cancellationToken) is var (t, c) && t is not null
                ? (t, c) : (null, null);
        if (teamId is null || channelId is null)
        {
            return (null, $"no queue channel is set for {group} (Agents:Queues in settings, or an admin types 'set queue {group}' in the channel)");
        }

        var teams = await db.Set<AgentTeam>().AsNoTracking().ToListAsync(cancellationToken);
        var team = teams.FirstOrDefault(t => t.IsNamedBy(teamId));
        return team switch
        {
            null => (null, $"the bot has not seen team {teamId} yet: install the app in that team"),
            { IsInstalled: false } => (null, $"the bot was removed from team {team.Name ?? teamId}: install it again"),
            _ => (new ReachableQueue(group, channelId, team), null),
        };
    }
}

/// <summary>Ids as operators paste them: from a link (escaped) or as Teams shows them.</summary>
public static class QueueIds
{
    public static string Clean(string id) => Uri.UnescapeDataString(id.Trim());
}

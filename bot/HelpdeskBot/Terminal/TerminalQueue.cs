using HelpdeskBot.Agents;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Terminal;

/// <summary>
/// The terminal chat's stand-in for an agents' team: unless settings name a Service Desk queue, the terminal is a team
/// with the bot installed whose queue channel is shown in the terminal, so one person can ask for help and answer it.
/// </summary>
public static class TerminalQueue
{
    public static async Task EnsureAsync(IServiceProvider services, string serviceUrl, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<AgentsOptions>>().Value;
        if (options.Queues.Any(q => string.Equals(q.Group, AgentsOptions.ServiceDesk, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var db = services.GetRequiredService<HelpdeskDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        var team = await db.Set<AgentTeam>().SingleOrDefaultAsync(t => t.TeamId == TerminalChat.TeamId, cancellationToken);
        if (team is null)
        {
            team = AgentTeam.Seen(TerminalChat.TeamId, time.GetUtcNow());
            db.Add(team);
        }

        team.Update(null, "Terminal agents", TerminalChat.ChannelId, serviceUrl, null, TerminalChat.Bot.Id, authenticated: false, time.GetUtcNow());
        if (!await db.Set<QueueChannel>().AnyAsync(q => q.Group == AgentsOptions.ServiceDesk, cancellationToken))
        {
            db.Add(QueueChannel.Create(AgentsOptions.ServiceDesk, TerminalChat.TeamId, TerminalChat.QueueChannelId, "terminal", time.GetUtcNow()));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Protocol.Teams;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace HelpdeskBot.Agents;

/// <summary>
/// Learns the teams the bot is installed in from activities carrying <c>channelData.team</c> (the install's
/// <c>conversationUpdate</c> first), with the service URL to post there, and forgets them on uninstall
/// (<c>teamMemberRemoved</c> of the bot, or <c>installationUpdate</c> remove). A newly seen team wakes the
/// <see cref="QueuePoster"/>: escalations that waited for it go out.
/// </summary>
public sealed class AgentTeamsMiddleware(IMemoryCache recent, QueuePoster poster, TimeProvider time, ILogger<AgentTeamsMiddleware> logger) : IBotMiddleware
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(5);

    public async Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.GetTeamsChannelData().Team is { Id: { Length: > 0 and <= 256 } teamId } team && activity.ServiceUrl is { Length: > 0 and <= 512 } serviceUrl)
        {
            try
            {
                await LearnAsync(turnContext, teamId, team, serviceUrl, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not record team {TeamId}", teamId);
            }
        }

        await next(cancellationToken);
    }

    private async Task LearnAsync(TurnContext turn, string teamId, TeamInfo info, string serviceUrl, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var channelData = activity.GetTeamsChannelData();
        var removed = activity.IsType(ActivityTypes.InstallationUpdate) && activity.Action is "remove" or "remove-upgrade"
            || activity.IsType(ActivityTypes.ConversationUpdate) && channelData.EventType == "teamMemberRemoved"
               && activity.MembersRemoved?.Any(m => m.Id == activity.Recipient?.Id) == true;
        var key = (teamId, serviceUrl);
        if (!removed && recent.TryGetValue(key, out _))
        {
            return; // seen a moment ago: nothing new
        }

        var db = turn.Services.GetRequiredService<HelpdeskDbContext>();
        var now = time.GetUtcNow();
        var stored = await db.Set<AgentTeam>().SingleOrDefaultAsync(t => t.TeamId == teamId, cancellationToken);
        if (removed)
        {
            recent.Remove(key);
            if (stored is { IsInstalled: true })
            {
                stored.Remove(now);
                await db.SaveChangesAsync(cancellationToken);
                logger.LogWarning("The bot was removed from team {TeamName} ({TeamId}): its queues wait until it is installed again", stored.Name, teamId);
            }

            return;
        }

        if (stored is null)
        {
            stored = AgentTeam.Seen(teamId, now);
            db.Add(stored);
        }

        var installed = stored.Update(info.AadGroupId, info.Name, activity.ChannelId ?? "msteams", serviceUrl, activity.GetTenantId(),
            activity.Recipient?.Id, turn.Identity is { IsAuthenticated: true }, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two activities of a new team at once: the other one saved it. Forget ours, or the turn's own save
            // (the same context) would try it again and fail.
            db.ChangeTracker.Clear();
            return;
        }

        recent.Set(key, true, Quiet);
        if (installed)
        {
            logger.LogInformation("Installed in team {TeamName} ({TeamId})", info.Name, teamId);
            poster.Wake();
        }
    }
}

using System.Text;
using System.Text.RegularExpressions;
using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Protocol.Teams;
using HelpdeskBot.Requests;
using HelpdeskBot.Storage;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Agents;

/// <summary>
/// What agents type to the bot. In a queue channel (with an @mention): <c>queue</c>, <c>mine</c>, <c>take</c>,
/// <c>resolve</c>, <c>status</c>, and, for an admin, <c>set queue [group]</c>; in an agent's 1:1 chat: <c>my queue</c>.
/// </summary>
public sealed partial class AgentCommands(
    HelpdeskDbContext db, TicketService tickets, AgentDirectory agents, AgentActions actions, People.PeopleDirectory people, TimeProvider time,
    ILogger<AgentCommands> logger)
{
    public const int MaxListed = 15;

    public static bool IsChannel(Activity activity) => activity.Conversation?.ConversationType == "channel";

    /// <summary>What the bot says in a team's channel when it is installed there or asked for help: the agents' commands.</summary>
    public static string ChannelHelp(string? botName)
    {
        var at = $"@{(botName is { Length: > 0 } ? botName : "HelpdeskBot")}";
        return $"I'm the IT help desk bot. In a queue channel, each ticket gets its own thread with a card: **Take** it, " +
            "**Chat with requester** (then reply in the thread), **Resolve…** it. Mention me with a command:\n\n" +
            $"- **{at} queue**: the group's open tickets, by priority and due time\n" +
            $"- **{at} mine**: the open tickets assigned to you\n" +
            $"- **{at} take INC0001001**, **{at} resolve INC0001001 the fix**, **{at} status INC0001001**\n" +
            $"- **{at} set queue Network**: (help desk admins) this channel becomes the Network group's queue; without a name, the Service Desk's\n\n" +
            "Questions of your own get an answer here too; in a 1:1 chat with me, **my queue** lists your tickets.";
    }

    /// <summary>An agent's command addressed to the bot in a channel; false when the message is no command (then it is a question like any other).</summary>
    public async Task<bool> TryChannelCommandAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        var userId = turn.Activity.From?.Id ?? "";
        var match = Command().Match(text.Trim());
        var (verb, number, rest) = (match.Groups["verb"].Value.ToLowerInvariant(), match.Groups["number"].Value, match.Groups["rest"].Value.Trim());
        if (!match.Success)
        {
            return false;
        }

        if (verb == "help")
        {
            await turn.SendActivityAsync(ChannelHelp(turn.Activity.Recipient?.Name), cancellationToken);
            return true;
        }

        if (verb == "set queue")
        {
            await SetQueueAsync(turn, userId, rest.Length > 0 ? rest : AgentsOptions.ServiceDesk, cancellationToken);
            return true;
        }

        var group = await GroupOfChannelAsync(turn.Activity, cancellationToken) ?? AgentsOptions.ServiceDesk;
        if (!await agents.IsAgentAsync(userId, group, cancellationToken))
        {
            await turn.SendActivityAsync(AgentActions.NotAnAgent, cancellationToken);
            return true;
        }

        var reply = verb switch
        {
            "queue" => await ListAsync($"Open tickets for {group}", OpenOf(group), cancellationToken),
            "mine" => await ListAsync("Your open tickets", db.Set<Ticket>().Where(IsOpen).Where(t => t.AssigneeId == userId), cancellationToken),
            _ when number.Length == 0 => $"Which ticket? For example **{verb} INC0001001**.",
            "take" => await OnTicketAsync(number, t => actions.TakeAsync(t, userId, cancellationToken), cancellationToken),
            "resolve" => await OnTicketAsync(number, t => actions.ResolveAsync(t, userId, rest, cancellationToken), cancellationToken),
            _ => await StatusAsync(number, cancellationToken),
        };
        await turn.SendActivityAsync(reply, cancellationToken);
        return true;
    }

    /// <summary>"my queue" in an agent's 1:1 chat: their open tickets; null when the sender is no agent (the message goes on to the rest of the bot).</summary>
    public async Task<bool> TryMyQueueAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        if (!text.Trim().TrimEnd('.', '!', '?').Equals("my queue", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var userId = turn.Activity.From?.Id ?? "";
        if (!await agents.IsAgentAsync(userId, AgentsOptions.ServiceDesk, cancellationToken))
        {
            await turn.SendActivityAsync("**my queue** is for the service desk's agents. Type **my tickets** to see yours.", cancellationToken);
            return true;
        }

        await turn.SendActivityAsync(await ListAsync("Your open tickets", db.Set<Ticket>().Where(IsOpen).Where(t => t.AssigneeId == userId), cancellationToken), cancellationToken);
        return true;
    }

    private IQueryable<Ticket> OpenOf(string group) => db.Set<Ticket>().Where(IsOpen)
        .Where(t => (t.AssignmentGroup == group || (group == AgentsOptions.ServiceDesk && t.AssignmentGroup == null)))
        .Where(t => t.Approval != ApprovalState.Pending || db.Set<QueueThread>().Any(q => q.TicketNumber == t.Number));

    private static readonly System.Linq.Expressions.Expression<Func<Ticket, bool>> IsOpen = t =>
        t.State != TicketState.Resolved && t.State != TicketState.Closed && t.State != TicketState.Cancelled;

    private async Task<string> ListAsync(string title, IQueryable<Ticket> query, CancellationToken cancellationToken)
    {
        var open = await query.AsNoTracking().ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return $"{title}: none.";
        }

        var text = new StringBuilder($"**{title}** ({open.Count}):");
        foreach (var t in open.OrderBy(t => t.Priority).ThenBy(t => t.ResolutionDueAt ?? DateTimeOffset.MaxValue).Take(MaxListed))
        {
            text.Append($"\n- **{t.Number}** {t.Priority} · {TicketText.State(t.State)} · due {TicketText.SlaDue(t)} — {t.Title}{(t.AssigneeId is null ? " (nobody yet)" : "")}");
        }

        return open.Count > MaxListed ? text.Append($"\n… and {open.Count - MaxListed} more").ToString() : text.ToString();
    }

    private async Task<string> OnTicketAsync(string number, Func<Ticket, Task<string>> act, CancellationToken cancellationToken)
    {
        if (await tickets.FindByNumberAsync(number, cancellationToken) is not { } ticket)
        {
            return $"There is no ticket {number.ToUpperInvariant()}.";
        }

        try
        {
            return await act(ticket);
        }
        catch (TicketTakenException taken)
        {
            return $"{ticket.Number} is already taken by {await NameAsync(taken.OwnerId, cancellationToken)}.";
        }
        catch (Exception e) when (e is ArgumentException or TicketStateException or TicketAccessException)
        {
            return e.Message;
        }
    }

    private async Task<string> StatusAsync(string number, CancellationToken cancellationToken) =>
        await tickets.FindByNumberAsync(number, cancellationToken) is { } t
            ? $"**{t.Number}** {t.Title}: {TicketText.State(t.State)} · {t.Priority} · " +
              $"{(t.AssigneeId is { } a ? $"with {await NameAsync(a, cancellationToken)}" : "nobody has it yet")} · due {TicketText.SlaDue(t)}"
            : $"There is no ticket {number.ToUpperInvariant()}.";

    private Task<string> NameAsync(string id, CancellationToken cancellationToken) => people.NameOfAsync(id, id, cancellationToken);

    /// <summary>The group whose queue this channel is (settings or <c>set queue</c>), if any.</summary>
    private async Task<string?> GroupOfChannelAsync(Activity activity, CancellationToken cancellationToken)
    {
        var channelId = activity.GetTeamsChannelData().Channel?.Id;
        return channelId is null ? null
            : await db.Set<QueueThread>().AsNoTracking().Where(q => q.ChannelId == channelId).Select(q => q.Group).FirstOrDefaultAsync(cancellationToken)
              ?? await db.Set<QueueChannel>().AsNoTracking().Where(q => q.ChannelId == channelId).Select(q => q.Group).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>"set queue [group]" by an admin: this channel becomes the group's queue (a configured group keeps its setting).</summary>
    private async Task SetQueueAsync(TurnContext turn, string userId, string group, CancellationToken cancellationToken)
    {
        var data = turn.Activity.GetTeamsChannelData();
        if (!await agents.IsAdminAsync(userId, cancellationToken))
        {
            await turn.SendActivityAsync("Only a help desk admin (the admin role in the people directory) can set a queue, so nothing was changed.", cancellationToken);
            return;
        }

        if (data.Team?.Id is not { Length: > 0 and <= 256 } teamId || data.Channel?.Id is not { Length: > 0 and <= 256 } channelId || group.Length > 100)
        {
            await turn.SendActivityAsync("Type **set queue** in the team channel that should be the queue (a group name has at most 100 characters).", cancellationToken);
            return;
        }

        var configured = turn.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AgentsOptions>>().Value.Queues
            .Any(q => string.Equals(q.Group, group, StringComparison.OrdinalIgnoreCase));
        if (configured)
        {
            await turn.SendActivityAsync($"{group}'s queue is set in the bot's settings (Agents:Queues), so it stays there.", cancellationToken);
            return;
        }

        var stored = await db.Set<QueueChannel>().SingleOrDefaultAsync(q => q.Group == group, cancellationToken);
        if (stored is null)
        {
            db.Add(QueueChannel.Create(group, teamId, channelId, userId, time.GetUtcNow()));
        }
        else
        {
            stored.MoveTo(teamId, channelId, userId, time.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{UserId} made channel {ChannelId} the queue of {Group}", userId, channelId, group);
        turn.Services.GetRequiredService<QueuePoster>().Wake();
        await turn.SendActivityAsync($"This channel is now the queue of **{group}**: its tickets are posted here, one thread each.", cancellationToken);
    }

    [GeneratedRegex(@"^(?<verb>help|set queue|queue|mine|take|resolve|status)\b\s*(?<number>(?:INC|REQ)\d{4,12})?\s*(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Command();
}

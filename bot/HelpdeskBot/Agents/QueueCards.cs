using System.Text.Json;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Authentication;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Connector;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Agents;

/// <summary>Builds a ticket's queue card with what it shows about people, and posts or replaces it in its channel.</summary>
public sealed class QueueCards(
    HelpdeskDbContext db, TicketService tickets, PeopleDirectory people, ConnectorClientFactory connectors,
    TrustedServiceUrls trustedUrls, ILogger<QueueCards> logger)
{
    public const int MaxAgentsListed = 50;

    public async Task<AdaptiveCard> BuildAsync(Ticket ticket, string? notice = null, string? error = null, CancellationToken cancellationToken = default)
    {
        var requester = await people.FindByTeamsIdAsync(ticket.RequesterId, cancellationToken);
        var agents = await db.People.AsNoTracking()
            .Where(p => p.TeamsId != null && (p.Roles.Contains(PersonRoles.Agent) || p.Roles.Contains(PersonRoles.Admin)))
            .OrderBy(p => p.Name).Take(MaxAgentsListed)
            .Select(p => new ValueTuple<string, string>(p.TeamsId!, p.Name)).ToListAsync(cancellationToken);
        var handoff = await db.Set<Handoff>().AsNoTracking().SingleOrDefaultAsync(h => h.TicketNumber == ticket.Number, cancellationToken);
        var context = new QueueCard.Context(
            requester, requester?.Name is { Length: > 0 } name ? name : "Someone",
            ticket.AssigneeId is { } assignee ? await people.NameOfAsync(assignee, assignee, cancellationToken) : null,
            QueueDirectory.GroupOf(ticket.AssignmentGroup), agents,
            ticket.ApproverId is { } approver ? await people.NameOfAsync(approver, approver, cancellationToken) : null,
            handoff, handoff?.AgentId is { } chatAgent ? await people.NameOfAsync(chatAgent, "an agent", cancellationToken) : null);
        return QueueCard.Build(ticket, context, notice, error);
    }

    /// <summary>
    /// Starts the ticket's thread in <paramref name="queue"/>'s channel; returns the thread's conversation id, the card's
    /// activity id and the card's hash.
    /// </summary>
    public async Task<(string ConversationId, string ActivityId, string CardHash)> PostAsync(Ticket ticket, ReachableQueue queue, CancellationToken cancellationToken)
    {
        var card = await BuildAsync(ticket, cancellationToken: cancellationToken);
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            Bot = queue.Team.BotId is { } botId ? new ChannelAccount(botId, null) : null,
            TenantId = queue.Team.TenantId,
            ChannelData = JsonSerializer.SerializeToElement(new { channel = new { id = queue.ChannelId } }),
            Activity = Activity.CreateMessage(null, card.ToAttachment()),
        };
        var created = await Connector(queue.Team).CreateConversationAsync(parameters, cancellationToken);
        var conversationId = created.Id ?? throw new ConnectorException(System.Net.HttpStatusCode.BadGateway, null, "post to the queue");
        var activityId = created.ActivityId ?? ThreadRoot(conversationId) ?? conversationId;
        return (conversationId, activityId, HashOf(card));
    }

    /// <summary>Replaces the ticket's card in its thread with how it stands now; false when it has none there yet.</summary>
    public async Task<bool> UpdateAsync(string ticketNumber, CancellationToken cancellationToken)
    {
        if (await PostedThreadAsync(ticketNumber, cancellationToken) is not ({ } thread, { } team)
            || await tickets.FindByNumberAsync(ticketNumber, cancellationToken) is not { } ticket)
        {
            return false;
        }

        // One save often publishes several changes (Take: assigned and in progress), each asking for the card: the
        // card is built from the ticket as it is now, so the first PUT has them all and the others would repeat it.
        var card = await BuildAsync(ticket, cancellationToken: cancellationToken);
        var hash = HashOf(card);
        if (hash == thread.CardHash)
        {
            return true;
        }

        var activity = Activity.CreateMessage(null, card.ToAttachment());
        activity.Id = thread.ActivityId;
        await Connector(team).UpdateActivityAsync(thread.ConversationId!, thread.ActivityId!, activity, cancellationToken);
        await db.Set<QueueThread>().Where(t => t.Id == thread.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.CardHash, hash), cancellationToken);
        return true;
    }

    private static string HashOf(AdaptiveCard card) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(card, ProtocolJson.Options)));

    /// <summary>A line in the ticket's thread (an SLA ping, a relayed message); false when it has no thread.</summary>
    public async Task<bool> ReplyAsync(string ticketNumber, Activity reply, CancellationToken cancellationToken)
    {
        if (await PostedThreadAsync(ticketNumber, cancellationToken) is not ({ } thread, { } team))
        {
            return false;
        }

        await Connector(team).ReplyToActivityAsync(thread.ConversationId!, thread.ActivityId!, reply, cancellationToken);
        return true;
    }

    /// <summary>The ticket's posted thread and its team, when the bot is still installed there; (null, null) otherwise.</summary>
    private async Task<(QueueThread? Thread, AgentTeam? Team)> PostedThreadAsync(string ticketNumber, CancellationToken cancellationToken)
    {
        var thread = await db.Set<QueueThread>().AsNoTracking()
            .SingleOrDefaultAsync(t => t.TicketNumber == ticketNumber && t.State == QueueThreadState.Posted, cancellationToken);
        if (thread is null)
        {
            return (null, null);
        }

        var team = await db.Set<AgentTeam>().AsNoTracking().SingleOrDefaultAsync(t => t.TeamId == thread.TeamId, cancellationToken);
        if (team is not { IsInstalled: true })
        {
            logger.LogWarning("The queue card of {TicketNumber} cannot be changed: the bot is not installed in team {TeamId}", thread.TicketNumber, thread.TeamId);
            return (null, null);
        }

        return (thread, team);
    }

    private ConnectorClient Connector(AgentTeam team)
    {
        if (team.Authenticated)
        {
            trustedUrls.Trust(team.ServiceUrl);
        }

        return connectors.Create(team.ServiceUrl);
    }

    // "19:…@thread.tacv2;messageid=1733…": the thread's root message is the card.
    private static string? ThreadRoot(string conversationId) =>
        conversationId.IndexOf(";messageid=", StringComparison.Ordinal) is var i and >= 0 ? conversationId[(i + 11)..] : null;
}

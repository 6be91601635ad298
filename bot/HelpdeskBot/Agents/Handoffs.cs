using HelpdeskBot.Conversations;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Agents;

/// <summary>
/// Live chats between a requester and an agent, relayed by the bot: the requester's 1:1 messages go into the ticket's
/// queue thread as "Alex Wilber: …", the agent's replies in that thread go to the requester as
/// "Megan Bowen (Service Desk): …". Each relayed message is in the ticket's journal (the transcript), and a re-delivered
/// activity is relayed once. Either side ends it with <c>end chat</c>; both are told, and the bot takes the chat back.
/// </summary>
public sealed class Handoffs(
    HelpdeskDbContext db, TicketService tickets, QueueCards cards, PeopleDirectory people, AgentDirectory agents,
    ProactiveMessenger messenger, TimeProvider time, ILogger<Handoffs> logger)
{
    public const string EndWords = "end chat";

    public static bool IsEnd(string text) => text.Trim().TrimEnd('.', '!').Equals(EndWords, StringComparison.OrdinalIgnoreCase);

    public Task<Handoff?> FindAsync(string ticketNumber, CancellationToken cancellationToken) =>
        db.Set<Handoff>().AsNoTracking().SingleOrDefaultAsync(h => h.TicketNumber == ticketNumber, cancellationToken);

    /// <summary>The requester asked for a person on this ticket (journalled <c>Handoff → Waiting</c>): their chat waits for an agent.</summary>
    public async Task RequestedAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var chat = await db.Conversations.AsNoTracking()
            .Where(c => c.UserId == ticket.RequesterId && (c.ConversationType == "personal" || c.IsGroup == false))
            .OrderByDescending(c => c.LastActivityAt).FirstOrDefaultAsync(cancellationToken);
        if (chat is null)
        {
            logger.LogWarning("Ticket {TicketNumber} asks for a chat, but the requester has no 1:1 chat with the bot", ticket.Number);
            return;
        }

        var handoff = await db.Set<Handoff>().SingleOrDefaultAsync(h => h.TicketNumber == ticket.Number, cancellationToken);
        if (handoff is null)
        {
            db.Add(Handoff.Request(ticket.Number, ticket.RequesterId, chat.ChannelId, chat.ConversationId, time.GetUtcNow()));
        }
        else
        {
            handoff.RequestAgain(chat.ChannelId, chat.ConversationId, time.GetUtcNow());
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // the same request seen twice at once
        }
    }

    /// <summary>"Chat with requester", or Take on a ticket waiting for a chat: the agent joins; both are told.</summary>
    public async Task<string> JoinAsync(string ticketNumber, string agentId, CancellationToken cancellationToken)
    {
        var handoff = await db.Set<Handoff>().SingleOrDefaultAsync(h => h.TicketNumber == ticketNumber, cancellationToken);
        if (handoff is null or { IsOpen: false })
        {
            throw new ArgumentException("The requester is not waiting for a chat on this ticket.");
        }

        if (handoff.State == HandoffState.Active && handoff.AgentId != agentId)
        {
            throw new ArgumentException($"{await people.NameOfAsync(handoff.AgentId!, "Another agent", cancellationToken)} is chatting with the requester.");
        }

        if (!handoff.Join(agentId, time.GetUtcNow()))
        {
            return "You're in this chat already: reply in the ticket's thread.";
        }

        await db.SaveChangesAsync(cancellationToken);
        var ticket = await tickets.RecordHandoffAsync(ticketNumber, agentId, nameof(HandoffState.Active), cancellationToken);
        var agent = await AgentLabelAsync(agentId, ticket, cancellationToken);
        var requester = await people.NameOfAsync(ticket.RequesterId, "the requester", cancellationToken);
        await messenger.SendToConversationAsync(handoff.ChannelId, handoff.ConversationId,
            Activity.CreateMessage($"{agent} has joined the chat about {ticket.Number}. Write here and they will read it; type **{EndWords}** when you're done."),
            cancellationToken);
        await cards.ReplyAsync(ticketNumber, Activity.CreateMessage(
            $"You're chatting with {requester}: replies in this thread go to them (no need to mention me). Type **{EndWords}** to finish."), cancellationToken);
        logger.LogInformation("Agent {AgentId} joined the chat on {TicketNumber}", agentId, ticketNumber);
        return $"You're chatting with {requester}: reply in this thread.";
    }

    /// <summary>
    /// A message in a requester's 1:1 chat: relayed when a chat with an agent is open there (true: the bot says
    /// nothing itself), or <c>end chat</c>. False when there is no chat open: the bot answers as usual.
    /// </summary>
    public async Task<bool> TryRelayFromRequesterAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (activity.Conversation?.Id is not { } conversationId || activity.From?.Id is not { } from)
        {
            return false;
        }

        var handoff = await db.Set<Handoff>().AsNoTracking()
            .FirstOrDefaultAsync(h => h.ChannelId == (activity.ChannelId ?? "") && h.ConversationId == conversationId
                && h.State != HandoffState.Ended && h.RequesterId == from, cancellationToken);
        if (handoff is null)
        {
            return false;
        }

        if (IsEnd(text))
        {
            await EndAsync(handoff.TicketNumber, from, cancellationToken);
            return true;
        }

        var said = WithAttachments(text, activity);
        if (said.Length == 0 || !await FirstDeliveryAsync(activity, cancellationToken))
        {
            return true;
        }

        var ticket = await tickets.RecordChatAsync(handoff.TicketNumber, from, said, cancellationToken);
        var name = await people.NameOfAsync(from, activity.From.Name ?? "The requester", cancellationToken);
        await cards.ReplyAsync(ticket.Number, Activity.CreateMessage($"**{name}**: {said}"), cancellationToken);
        return true;
    }

    /// <summary>
    /// A message in a ticket's queue thread: relayed to the requester while a chat is open and the sender is an agent
    /// (an agent writing in a thread that waits for a chat joins it), or <c>end chat</c>. False when the thread has no
    /// chat open: then it is for the agents' commands.
    /// </summary>
    public async Task<bool> TryRelayFromAgentAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (activity.Conversation?.Id is not { } threadId || !threadId.Contains(";messageid=", StringComparison.Ordinal) || activity.From?.Id is not { } from)
        {
            return false;
        }

        var ticketNumber = await db.Set<QueueThread>().AsNoTracking().Where(t => t.ConversationId == threadId)
            .Select(t => t.TicketNumber).FirstOrDefaultAsync(cancellationToken);
        var handoff = ticketNumber is null ? null : await FindAsync(ticketNumber, cancellationToken);
        if (handoff is not { IsOpen: true })
        {
            return false;
        }

        var group = await db.Set<Ticket>().AsNoTracking().Where(t => t.Number == handoff.TicketNumber).Select(t => t.AssignmentGroup).FirstOrDefaultAsync(cancellationToken);
        if (!await agents.IsAgentAsync(from, QueueDirectory.GroupOf(group), cancellationToken))
        {
            return true; // someone else talking in the thread: not for the requester
        }

        if (IsEnd(text))
        {
            await EndAsync(handoff.TicketNumber, from, cancellationToken);
            return true;
        }

        if (handoff.State == HandoffState.Waiting)
        {
            await JoinAsync(handoff.TicketNumber, from, cancellationToken);
        }
        else if (handoff.AgentId != from)
        {
            return true; // another agent's remark in the thread stays among the agents
        }

        var said = WithAttachments(text, activity);
        if (said.Length == 0 || !await FirstDeliveryAsync(activity, cancellationToken))
        {
            return true;
        }

        var ticket = await tickets.RecordChatAsync(handoff.TicketNumber, from, said, cancellationToken);
        await messenger.SendToConversationAsync(handoff.ChannelId, handoff.ConversationId,
            Activity.CreateMessage($"**{await AgentLabelAsync(from, ticket, cancellationToken)}**: {said}"), cancellationToken);
        return true;
    }

    /// <summary>Ends the chat (either side); both are told and the bot answers the requester again.</summary>
    public async Task EndAsync(string ticketNumber, string by, CancellationToken cancellationToken)
    {
        var handoff = await db.Set<Handoff>().SingleOrDefaultAsync(h => h.TicketNumber == ticketNumber, cancellationToken);
        if (handoff is null || !handoff.End(time.GetUtcNow()))
        {
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        var ticket = await tickets.RecordHandoffAsync(ticketNumber, by, nameof(HandoffState.Ended), cancellationToken);
        var who = by == ticket.RequesterId
            ? await people.NameOfAsync(by, "The requester", cancellationToken)
            : await AgentLabelAsync(by, ticket, cancellationToken);
        await messenger.SendToConversationAsync(handoff.ChannelId, handoff.ConversationId, Activity.CreateMessage(
            $"The chat about {ticketNumber} has ended ({who} ended it). I'm back: ask me anything, or type **status {ticketNumber}**."), cancellationToken);
        await cards.ReplyAsync(ticketNumber, Activity.CreateMessage($"Chat ended by {who}. The transcript is in {ticketNumber}'s history."), cancellationToken);
        logger.LogInformation("The chat on {TicketNumber} was ended by {UserId}", ticketNumber, by);
    }

    /// <summary>Waiting chats nobody picked up within the first-response target: flagged and pinged in the thread, once.</summary>
    public async Task FlagUnansweredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var waiting = await db.Set<Handoff>().AsNoTracking().Where(h => h.State == HandoffState.Waiting && h.FlaggedAt == null).ToListAsync(cancellationToken);
        foreach (var handoff in waiting)
        {
            if (await tickets.FindByNumberAsync(handoff.TicketNumber, cancellationToken) is not { FirstResponseDueAt: { } due } ticket || due > now)
            {
                continue;
            }

            // Conditional, so of two passes at once (another instance's) one pings.
            var flagged = await db.Set<Handoff>().Where(h => h.Id == handoff.Id && h.FlaggedAt == null)
                .ExecuteUpdateAsync(h => h.SetProperty(x => x.FlaggedAt, now), cancellationToken);
            if (flagged == 0)
            {
                continue;
            }
            var requester = await people.NameOfAsync(ticket.RequesterId, "The requester", cancellationToken);
            await cards.ReplyAsync(ticket.Number, Activity.CreateMessage(
                $"⚠ {requester} has been waiting for a chat since {Requests.TicketText.Time(handoff.RequestedAt)}: nobody picked it up within the response target."), cancellationToken);
            await cards.UpdateAsync(ticket.Number, cancellationToken);
        }
    }

    private async Task<string> AgentLabelAsync(string agentId, Ticket ticket, CancellationToken cancellationToken) =>
        $"{await people.NameOfAsync(agentId, "An agent", cancellationToken)} ({QueueDirectory.GroupOf(ticket.AssignmentGroup)})";

    // Teams retries a delivery it thinks failed: the activity id says whether it was relayed already.
    private async Task<bool> FirstDeliveryAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Id is not { Length: > 0 and <= 256 } id)
        {
            return true;
        }

        db.Add(RelayedActivity.Of(activity.ChannelId ?? "", id, time.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            logger.LogInformation("Activity {ActivityId} was relayed already: not again", id);
            return false;
        }
    }

    // Files and images travel as links: the agent or requester opens them where they are.
    private static string WithAttachments(string text, Activity activity)
    {
        var links = (activity.Attachments ?? [])
            .Where(a => a.ContentUrl is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "https" or "http")
            .Select(a => $"[{(string.IsNullOrWhiteSpace(a.Name) ? "attachment" : a.Name)}]({a.ContentUrl})");
        return string.Join(" ", new[] { text.Trim() }.Concat(links).Where(p => p.Length > 0));
    }
}

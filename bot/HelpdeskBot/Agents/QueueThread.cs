namespace HelpdeskBot.Agents;

public enum QueueThreadState
{
    /// <summary>Saved; posted once the group's queue channel can be reached (<see cref="QueueThread.WaitingReason"/> says why not yet).</summary>
    Waiting,
    Posted,
}

/// <summary>
/// A ticket's card in its group's queue channel: a thread of its own. Saved before it is posted, so an escalation
/// made while no queue can be reached is not lost; <see cref="QueuePoster"/> posts it (once: leased) when it can,
/// and later changes replace the card in place (PUT of <see cref="ActivityId"/>).
/// </summary>
public sealed class QueueThread
{
    private QueueThread() { }

    public int Id { get; private set; }
    public string TicketNumber { get; private set; } = "";
    public string Group { get; private set; } = "";
    public QueueThreadState State { get; private set; }
    public string? WaitingReason { get; private set; }

    /// <summary>Where it went: the team, the channel, and the thread's own conversation id (<c>…;messageid=…</c>).</summary>
    public string? TeamId { get; private set; }

    public string? ChannelId { get; private set; }
    public string? ConversationId { get; private set; }

    /// <summary>The card's activity id, the root of the thread.</summary>
    public string? ActivityId { get; private set; }

    /// <summary>A hash of the card as last sent (SHA-256, hex), so a change that leaves the card as it was sends no PUT.</summary>
    public string? CardHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PostedAt { get; private set; }

    /// <summary>While an instance is posting it; another may take it up after this.</summary>
    public DateTimeOffset? LeaseUntil { get; private set; }

    public static QueueThread Waiting(string ticketNumber, string group, DateTimeOffset now) =>
        new() { TicketNumber = ticketNumber, Group = group, State = QueueThreadState.Waiting, CreatedAt = now };

    public void Posted(string teamId, string channelId, string conversationId, string activityId, string cardHash, DateTimeOffset now) =>
        (State, TeamId, ChannelId, ConversationId, ActivityId, CardHash, PostedAt, WaitingReason, LeaseUntil) =
        (QueueThreadState.Posted, teamId, channelId, conversationId, activityId, cardHash, now, null, null);
}

namespace HelpdeskBot.Agents;

public enum HandoffState
{
    /// <summary>The requester asked for a person; no agent has joined yet.</summary>
    Waiting,

    /// <summary>An agent joined: messages are relayed both ways.</summary>
    Active,

    Ended,
}

/// <summary>
/// A live chat between a ticket's requester (in their 1:1 chat with the bot) and an agent (in the ticket's queue
/// thread), relayed by the bot. While it is waiting or active the bot answers nothing itself in the requester's chat
/// but <c>end chat</c>.
/// </summary>
public sealed class Handoff
{
    private Handoff() { }

    public int Id { get; private set; }
    public string TicketNumber { get; private set; } = "";
    public string RequesterId { get; private set; } = "";
    public string ChannelId { get; private set; } = "";

    /// <summary>The requester's 1:1 conversation with the bot.</summary>
    public string ConversationId { get; private set; } = "";

    public HandoffState State { get; private set; }
    public string? AgentId { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>When the queue was pinged that nobody has picked it up within the response target.</summary>
    public DateTimeOffset? FlaggedAt { get; private set; }

    public bool IsOpen => State != HandoffState.Ended;

    public static Handoff Request(string ticketNumber, string requesterId, string channelId, string conversationId, DateTimeOffset now) => new()
    {
        TicketNumber = ticketNumber, RequesterId = requesterId, ChannelId = channelId, ConversationId = conversationId,
        State = HandoffState.Waiting, RequestedAt = now,
    };

    /// <summary>Asked again after an earlier chat ended: waiting again, in the conversation asked from.</summary>
    public void RequestAgain(string channelId, string conversationId, DateTimeOffset now)
    {
        if (IsOpen)
        {
            return;
        }

        (ChannelId, ConversationId, State, AgentId, RequestedAt, StartedAt, EndedAt, FlaggedAt) =
            (channelId, conversationId, HandoffState.Waiting, null, now, null, null, null);
    }

    /// <summary>The agent joins; false when they are in it already. Another agent's chat is not taken over.</summary>
    public bool Join(string agentId, DateTimeOffset now)
    {
        if (State == HandoffState.Active && AgentId == agentId)
        {
            return false;
        }

        if (State == HandoffState.Active)
        {
            throw new InvalidOperationException("Another agent is chatting with the requester.");
        }

        (State, AgentId, StartedAt, EndedAt) = (HandoffState.Active, agentId, now, null);
        return true;
    }

    public bool End(DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return false;
        }

        (State, EndedAt) = (HandoffState.Ended, now);
        return true;
    }
}

namespace HelpdeskBot.Requests;

/// <summary>
/// Where a person's card for a ticket is (the requester's confirmation or status card, the approver's approval card),
/// so that a change can update it in place instead of sending another. One row per ticket, role and person: the
/// latest card shown wins.
/// </summary>
public sealed class TicketCard
{
    public const string RequesterRole = "requester";
    public const string ApproverRole = "approver";

    private TicketCard() { }

    public TicketCard(string ticketNumber, string role, string userId, string channelId, string conversationId, string activityId, DateTimeOffset at)
    {
        TicketNumber = ticketNumber;
        Role = role;
        UserId = userId;
        Replace(channelId, conversationId, activityId, at);
    }

    public int Id { get; private set; }
    public string TicketNumber { get; private set; } = "";

    /// <summary><see cref="RequesterRole"/> or <see cref="ApproverRole"/>.</summary>
    public string Role { get; private set; } = "";

    public string UserId { get; private set; } = "";
    public string ChannelId { get; private set; } = "";
    public string ConversationId { get; private set; } = "";
    public string ActivityId { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Replace(string channelId, string conversationId, string activityId, DateTimeOffset at)
    {
        ChannelId = channelId;
        ConversationId = conversationId;
        ActivityId = activityId;
        UpdatedAt = at;
    }
}

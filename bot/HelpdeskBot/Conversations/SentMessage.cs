namespace HelpdeskBot.Conversations;

/// <summary>Where a proactive message landed: enough to update or delete it later.</summary>
public sealed record SentMessage(string ChannelId, string ConversationId, string ActivityId);

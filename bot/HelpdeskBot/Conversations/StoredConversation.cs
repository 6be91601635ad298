using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Conversations;

/// <summary>
/// A conversation the bot has seen (written by <see cref="EfConversationReferenceStore"/>), with what a proactive message needs (service URL, tenant, bot and last user),
/// and whether the welcome card was sent.
/// </summary>
public sealed class StoredConversation
{
    private StoredConversation() { }

    public int Id { get; private set; }
    public string ChannelId { get; private set; } = "";
    public string ConversationId { get; private set; } = "";
    public string? ConversationType { get; private set; }
    public bool? IsGroup { get; private set; }
    public string? TenantId { get; private set; }
    public string ServiceUrl { get; private set; } = "";
    public string? BotId { get; private set; }
    public string? BotName { get; private set; }
    public string? UserId { get; private set; }
    public string? UserName { get; private set; }
    public string? UserAadObjectId { get; private set; }
    public string? Locale { get; private set; }

    /// <summary>True when the last activity stored arrived authenticated, so its service URL may get the bot's token.</summary>
    public bool Authenticated { get; private set; }

    public DateTimeOffset LastActivityAt { get; private set; }
    public DateTimeOffset? WelcomedAt { get; private set; }

    public bool IsPersonal => ConversationType == "personal" || IsGroup == false;

    public ConversationReference ToReference() => new()
    {
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
        Bot = BotId is null ? null : new ChannelAccount(BotId, BotName),
        User = UserId is null ? null : new ChannelAccount(UserId, UserName) { AadObjectId = UserAadObjectId },
        Conversation = new ConversationAccount
        {
            Id = ConversationId,
            ConversationType = ConversationType,
            IsGroup = IsGroup,
            TenantId = TenantId,
        },
    };
}

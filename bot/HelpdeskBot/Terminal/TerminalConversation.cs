using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Terminal;

/// <summary>
/// A conversation the terminal plays: the terminal user's own, or a 1:1 chat the bot opened with someone else (an
/// approver, say), whose cards the terminal user can then act on as that person.
/// </summary>
public sealed record TerminalConversation(string Id, ChannelAccount Member, string? ThreadOfChannel = null)
{
    public bool IsMain => Id == TerminalChat.ConversationId;

    /// <summary>A ticket's thread in the agents' queue channel, where the terminal user plays the agent.</summary>
    public bool IsThread => ThreadOfChannel is not null;

    public string MemberName => string.IsNullOrWhiteSpace(Member.Name) ? Member.Id ?? Id : Member.Name;

    public ConversationAccount ToAccount() => IsThread
        ? new() { Id = Id, ConversationType = "channel", IsGroup = true }
        : new() { Id = Id, ConversationType = "personal", IsGroup = false };
}

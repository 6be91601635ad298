using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Terminal;

/// <summary>
/// A conversation the terminal plays: the terminal user's own, or a 1:1 chat the bot opened with someone else (an
/// approver, say), whose cards the terminal user can then act on as that person.
/// </summary>
public sealed record TerminalConversation(string Id, ChannelAccount Member)
{
    public bool IsMain => Id == TerminalChat.ConversationId;

    public string MemberName => string.IsNullOrWhiteSpace(Member.Name) ? Member.Id ?? Id : Member.Name;

    public ConversationAccount ToAccount() => new() { Id = Id, ConversationType = "personal", IsGroup = false };
}

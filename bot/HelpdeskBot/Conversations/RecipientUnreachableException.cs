namespace HelpdeskBot.Conversations;

/// <summary>
/// No conversation with a person took the message: each one tried failed (a terminal chat that has ended, a channel
/// that refuses the bot), and no new 1:1 chat could be opened. Expected in operation: whoever sends says so to someone
/// who can act, and logs one line.
/// </summary>
public sealed class RecipientUnreachableException(string userId, string reason)
    : Exception($"Could not reach user '{userId}': {reason}")
{
    public string UserId => userId;
    public string Reason => reason;
}

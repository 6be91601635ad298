namespace HelpdeskBot.Protocol.Cards;

/// <summary>
/// Asks Teams to fetch a fresh view of the card with <see cref="Action"/> when one of <see cref="UserIds"/> opens it.
/// </summary>
public sealed class CardRefresh
{
    /// <summary>Teams refreshes automatically for at most this many users.</summary>
    public const int MaxUserIds = 60;

    public CardRefresh(ActionExecute action, IReadOnlyCollection<string>? userIds = null)
    {
        if (userIds is { Count: > MaxUserIds })
        {
            throw new ArgumentException($"A card refresh names at most {MaxUserIds} users; got {userIds.Count}.", nameof(userIds));
        }

        Action = action;
        UserIds = userIds is null ? null : [.. userIds];
    }

    public ActionExecute Action { get; }
    public List<string>? UserIds { get; }
}

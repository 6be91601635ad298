using System.Text.Json.Serialization;

namespace HelpdeskBot.Protocol.Cards;

/// <summary>
/// Asks Teams to fetch a fresh view of the card with <see cref="Action"/> when one of <see cref="UserIds"/> opens it.
/// </summary>
public sealed class CardRefresh
{
    /// <summary>Teams refreshes automatically for at most this many users.</summary>
    public const int MaxUserIds = 60;

    [JsonConstructor]
    private CardRefresh() { }

    public CardRefresh(ActionExecute action, IReadOnlyCollection<string>? userIds = null)
    {
        if (userIds is { Count: > MaxUserIds })
        {
            throw new ArgumentException($"A card refresh names at most {MaxUserIds} users; got {userIds.Count}.", nameof(userIds));
        }

        Action = action;
        UserIds = userIds is null ? null : [.. userIds];
    }

    /// <summary>Always an Action.Execute; typed as the base so its <c>type</c> is written.</summary>
    [JsonInclude]
    public CardAction Action { get; private set; } = null!;

    [JsonInclude]
    public List<string>? UserIds { get; private set; }
}

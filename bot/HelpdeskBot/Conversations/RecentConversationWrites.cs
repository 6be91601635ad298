using System.Collections.Concurrent;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Conversations;

/// <summary>
/// Remembers which conversation references were written a moment ago, so a busy conversation does not rewrite an
/// unchanged row on every message (SQLite has one writer at a time; identical writes only queue behind each other).
/// A changed reference is always written; an unchanged one at most once a minute, which keeps LastActivityAt current.
/// </summary>
public sealed class RecentConversationWrites(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string, string), (int Hash, DateTimeOffset At)> _recent = new();

    public bool WasJustWritten(ConversationReference reference, string? tenantId, bool authenticated) =>
        _recent.TryGetValue(Key(reference), out var last) &&
        last.Hash == Hash(reference, tenantId, authenticated) && time.GetUtcNow() - last.At < Window;

    public void Written(ConversationReference reference, string? tenantId, bool authenticated) =>
        _recent[Key(reference)] = (Hash(reference, tenantId, authenticated), time.GetUtcNow());

    private static (string, string) Key(ConversationReference reference) =>
        (reference.ChannelId ?? "", reference.Conversation?.Id ?? "");

    private static int Hash(ConversationReference reference, string? tenantId, bool authenticated)
    {
        var hash = new HashCode();
        hash.Add(reference.ServiceUrl);
        hash.Add(tenantId);
        hash.Add(authenticated);
        hash.Add(reference.Conversation?.ConversationType);
        hash.Add(reference.Conversation?.IsGroup);
        hash.Add(reference.Bot?.Id);
        hash.Add(reference.Bot?.Name);
        hash.Add(reference.User?.Id);
        hash.Add(reference.User?.Name);
        hash.Add(reference.User?.AadObjectId);
        hash.Add(reference.Locale);
        return hash.ToHashCode();
    }
}

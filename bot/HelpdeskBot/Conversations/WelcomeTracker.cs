using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Conversations;

/// <summary>
/// Makes the welcome card go out once per conversation, although Teams announces an install with both an
/// installationUpdate and a conversationUpdate, and may deliver either twice.
/// </summary>
public sealed class WelcomeTracker(HelpdeskDbContext db, TimeProvider time)
{
    /// <summary>True for exactly one caller per conversation until <see cref="ForgetAsync"/>.</summary>
    public async Task<bool> TryClaimWelcomeAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        await db.Conversations
            .Where(c => c.ChannelId == channelId && c.ConversationId == conversationId && c.WelcomedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.WelcomedAt, time.GetUtcNow()), cancellationToken) == 1;

    /// <summary>After an uninstall, a reinstall is welcomed again.</summary>
    public Task ForgetAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        db.Conversations
            .Where(c => c.ChannelId == channelId && c.ConversationId == conversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.WelcomedAt, (DateTimeOffset?)null), cancellationToken);
}

using HelpdeskBot.Protocol.Hosting;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Conversations;

/// <summary>Keeps one row per conversation, refreshed by every inbound activity.</summary>
public sealed class EfConversationReferenceStore(HelpdeskDbContext db, TimeProvider time) : IConversationReferenceStore
{
    public async Task SaveAsync(
        ConversationReference reference, string? tenantId, bool authenticated, CancellationToken cancellationToken)
    {
        var channelId = reference.ChannelId ?? "";
        var conversationId = reference.Conversation!.Id!;
        var now = time.GetUtcNow();
        var existing = await db.Conversations
            .SingleOrDefaultAsync(c => c.ChannelId == channelId && c.ConversationId == conversationId, cancellationToken);
        if (existing is not null)
        {
            existing.Refresh(reference, tenantId, authenticated, now);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var created = StoredConversation.Create(reference, tenantId, authenticated, now);
        db.Conversations.Add(created);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another turn of the same conversation inserted it first; refresh that row instead.
            db.Entry(created).State = EntityState.Detached;
            var winner = await db.Conversations
                .SingleAsync(c => c.ChannelId == channelId && c.ConversationId == conversationId, cancellationToken);
            winner.Refresh(reference, tenantId, authenticated, now);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}

using HelpdeskBot.Protocol.Hosting;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HelpdeskBot.Conversations;

/// <summary>
/// Keeps one row per conversation, refreshed by every inbound activity. Teams delivers an install's
/// installationUpdate and conversationUpdate at the same moment, so the write is a single atomic upsert
/// (SQLite and PostgreSQL both speak <c>ON CONFLICT</c>); a value the activity lacks keeps the stored one.
/// </summary>
public sealed class EfConversationReferenceStore(HelpdeskDbContext db, RecentConversationWrites recent, TimeProvider time)
    : IConversationReferenceStore
{
    private static readonly ValueConverter<DateTimeOffset, long> Timestamp = new DateTimeOffsetToBinaryConverter();

    public async Task SaveAsync(
        ConversationReference reference, string? tenantId, bool authenticated, CancellationToken cancellationToken)
    {
        if (recent.WasJustWritten(reference, tenantId, authenticated))
        {
            return;
        }

        var conversation = reference.Conversation;
        var (botName, userName) = (WithoutNul(reference.Bot?.Name), WithoutNul(reference.User?.Name)); // names a client sent
        var now = (long)Timestamp.ConvertToProvider(time.GetUtcNow())!;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "Conversations" ("ChannelId", "ConversationId", "ConversationType", "IsGroup", "TenantId", "ServiceUrl",
                "BotId", "BotName", "UserId", "UserName", "UserAadObjectId", "Locale", "Authenticated", "LastActivityAt")
            VALUES ({reference.ChannelId ?? ""}, {conversation!.Id!}, {conversation.ConversationType}, {conversation.IsGroup},
                {tenantId}, {reference.ServiceUrl ?? ""}, {reference.Bot?.Id}, {botName}, {reference.User?.Id},
                {userName}, {reference.User?.AadObjectId}, {reference.Locale}, {authenticated}, {now})
            ON CONFLICT ("ChannelId", "ConversationId") DO UPDATE SET
                "ServiceUrl" = excluded."ServiceUrl",
                "ConversationType" = COALESCE(excluded."ConversationType", "Conversations"."ConversationType"),
                "IsGroup" = COALESCE(excluded."IsGroup", "Conversations"."IsGroup"),
                "TenantId" = COALESCE(excluded."TenantId", "Conversations"."TenantId"),
                "BotId" = COALESCE(excluded."BotId", "Conversations"."BotId"),
                "BotName" = COALESCE(excluded."BotName", "Conversations"."BotName"),
                "UserId" = COALESCE(excluded."UserId", "Conversations"."UserId"),
                "UserName" = COALESCE(excluded."UserName", "Conversations"."UserName"),
                "UserAadObjectId" = COALESCE(excluded."UserAadObjectId", "Conversations"."UserAadObjectId"),
                "Locale" = COALESCE(excluded."Locale", "Conversations"."Locale"),
                "Authenticated" = excluded."Authenticated",
                "LastActivityAt" = excluded."LastActivityAt"
            """,
            cancellationToken);
        recent.Written(reference, tenantId, authenticated);
    }

    private static string? WithoutNul(string? text) => text?.Replace("\0", "", StringComparison.Ordinal);
}

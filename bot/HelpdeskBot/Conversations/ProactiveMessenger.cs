using HelpdeskBot.Protocol.Authentication;
using HelpdeskBot.Protocol.Hosting;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Conversations;

/// <summary>
/// Sends messages nobody asked for in this turn (ticket updates, approvals, outage notices) through stored
/// conversation references: into a known conversation, or to a user in a 1:1 chat created on first need.
/// </summary>
public sealed class ProactiveMessenger(
    HelpdeskDbContext db, BotHttpAdapter adapter, TrustedServiceUrls trustedUrls, IConversationReferenceStore references,
    ILogger<ProactiveMessenger> logger)
{
    /// <summary>Posts into a stored conversation; the result's id lets the message be updated in place later.</summary>
    public async Task<ResourceResponse> SendToConversationAsync(
        string channelId, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking()
            .SingleOrDefaultAsync(c => c.ChannelId == channelId && c.ConversationId == conversationId, cancellationToken)
            ?? throw new KeyNotFoundException($"No stored conversation '{conversationId}' on channel '{channelId}'.");
        return await SendAsync(conversation, activity, cancellationToken);
    }

    /// <summary>
    /// Messages a user in their 1:1 chat with the bot, creating that chat from any conversation the user was seen in
    /// when there is none yet.
    /// </summary>
    public async Task<ResourceResponse> SendToUserAsync(string userId, Activity activity, CancellationToken cancellationToken)
    {
        var seen = await db.Conversations.AsNoTracking()
            .Where(c => c.UserId == userId)
            .OrderByDescending(c => c.LastActivityAt)
            .ToListAsync(cancellationToken);
        var personal = seen.FirstOrDefault(c => c.IsPersonal);
        if (personal is not null)
        {
            return await SendAsync(personal, activity, cancellationToken);
        }

        var any = seen.FirstOrDefault() ?? throw new KeyNotFoundException($"The bot has never seen user '{userId}'.");
        return await CreatePersonalConversationAsync(any, activity, cancellationToken);
    }

    /// <summary>Replaces a message sent earlier (a card kept up to date).</summary>
    public async Task UpdateAsync(
        string channelId, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking()
            .SingleOrDefaultAsync(c => c.ChannelId == channelId && c.ConversationId == conversationId, cancellationToken)
            ?? throw new KeyNotFoundException($"No stored conversation '{conversationId}' on channel '{channelId}'.");
        TrustIfAuthenticated(conversation);
        activity.Id = activityId;
        await adapter.ContinueConversationAsync(
            conversation.ToReference(), (turn, ct) => turn.UpdateActivityAsync(activity, ct), cancellationToken);
    }

    private async Task<ResourceResponse> SendAsync(
        StoredConversation conversation, Activity activity, CancellationToken cancellationToken)
    {
        TrustIfAuthenticated(conversation);
        ResourceResponse? response = null;
        await adapter.ContinueConversationAsync(
            conversation.ToReference(),
            async (turn, ct) => response = await turn.SendActivityAsync(activity, ct),
            cancellationToken);
        logger.LogInformation("Sent proactive message to conversation {ConversationId}", conversation.ConversationId);
        return response!;
    }

    private async Task<ResourceResponse> CreatePersonalConversationAsync(
        StoredConversation seenIn, Activity activity, CancellationToken cancellationToken)
    {
        TrustIfAuthenticated(seenIn);
        var reference = seenIn.ToReference();
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = reference.Bot,
            Members = [reference.User!],
            TenantId = seenIn.TenantId,
        };
        ResourceResponse? response = null;
        var created = await adapter.CreateConversationAsync(
            seenIn.ChannelId, seenIn.ServiceUrl, parameters,
            async (turn, ct) => response = await turn.SendActivityAsync(activity, ct), cancellationToken);
        await references.SaveAsync(created, seenIn.TenantId, seenIn.Authenticated, cancellationToken);
        logger.LogInformation("Created 1:1 conversation {ConversationId} with user {UserId}", created.Conversation?.Id, seenIn.UserId);
        return response!;
    }

    private void TrustIfAuthenticated(StoredConversation conversation)
    {
        if (conversation.Authenticated)
        {
            trustedUrls.Trust(conversation.ServiceUrl);
        }
    }
}

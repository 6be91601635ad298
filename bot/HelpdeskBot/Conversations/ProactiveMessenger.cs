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
    /// Messages a user in their 1:1 chat with the bot, creating that chat when there is none yet: from any
    /// conversation the user was seen in, or, for someone the bot has never talked to (an approver named in the
    /// directory), through the channel and tenant where <paramref name="viaUserId"/> was seen. The result says where
    /// the message is, so it can be updated in place later.
    /// </summary>
    public async Task<SentMessage> SendToUserAsync(
        ChannelAccount user, Activity activity, string? viaUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(user.Id, nameof(user));
        var seen = await db.Conversations.AsNoTracking()
            .Where(c => c.UserId == user.Id)
            .OrderByDescending(c => c.LastActivityAt)
            .ToListAsync(cancellationToken);
        var personal = seen.FirstOrDefault(c => c.IsPersonal);
        if (personal is not null)
        {
            var sent = await SendAsync(personal, activity, cancellationToken);
            return new SentMessage(personal.ChannelId, personal.ConversationId, sent.Id ?? "");
        }

        var from = seen.FirstOrDefault();
        if (from is null && viaUserId is not null)
        {
            from = await db.Conversations.AsNoTracking()
                .Where(c => c.UserId == viaUserId)
                .OrderByDescending(c => c.LastActivityAt)
                .FirstOrDefaultAsync(cancellationToken);
        }

        if (from is null)
        {
            throw new KeyNotFoundException($"The bot has never seen user '{user.Id}' (nor anyone to reach them through).");
        }

        return await CreatePersonalConversationAsync(from, user, activity, cancellationToken);
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

    private async Task<SentMessage> CreatePersonalConversationAsync(
        StoredConversation seenIn, ChannelAccount user, Activity activity, CancellationToken cancellationToken)
    {
        TrustIfAuthenticated(seenIn);
        var reference = seenIn.ToReference();
        var member = seenIn.UserId == user.Id ? reference.User! : new ChannelAccount(user.Id!, user.Name) { AadObjectId = user.AadObjectId };
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = reference.Bot,
            Members = [member],
            TenantId = seenIn.TenantId,
        };
        ResourceResponse? response = null;
        var created = await adapter.CreateConversationAsync(
            seenIn.ChannelId, seenIn.ServiceUrl, parameters,
            async (turn, ct) => response = await turn.SendActivityAsync(activity, ct), cancellationToken);
        await references.SaveAsync(created, seenIn.TenantId, seenIn.Authenticated, cancellationToken);
        logger.LogInformation("Created 1:1 conversation {ConversationId} with user {UserId}", created.Conversation?.Id, user.Id);
        return new SentMessage(seenIn.ChannelId, created.Conversation?.Id ?? "", response?.Id ?? "");
    }

    private void TrustIfAuthenticated(StoredConversation conversation)
    {
        if (conversation.Authenticated)
        {
            trustedUrls.Trust(conversation.ServiceUrl);
        }
    }
}

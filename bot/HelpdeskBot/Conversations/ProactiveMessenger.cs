using HelpdeskBot.Protocol.Authentication;
using HelpdeskBot.Protocol.Connector;
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
    /// directory), through the channel and tenant where <paramref name="viaUserId"/> was seen. Chats on the channel
    /// <paramref name="viaUserId"/> last used come first, and a chat that does not take the message (a terminal chat
    /// that has ended) gives way to the next; <see cref="RecipientUnreachableException"/> when none does. The result
    /// says where the message is, so it can be updated in place later.
    /// </summary>
    public async Task<SentMessage> SendToUserAsync(
        ChannelAccount user, Activity activity, string? viaUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(user.Id, nameof(user));
        var seen = await SeenAsync(user.Id, cancellationToken);
        var via = viaUserId is null ? [] : await SeenAsync(viaUserId, cancellationToken);
        var channel = via.FirstOrDefault()?.ChannelId;
        var failures = new Dictionary<(string Channel, string ServiceUrl), string>();
        // The channel the via user is on first (its 1:1 chats, then a new one), then the others.
        foreach (var onChannel in channel is null ? [false] : new[] { true, false })
        {
            foreach (var personal in seen.Where(c => c.IsPersonal && (c.ChannelId == channel) == onChannel))
            {
                if (await TryAsync(personal, () => SendAsync(personal, activity, cancellationToken), failures) is { } sent)
                {
                    return new SentMessage(personal.ChannelId, personal.ConversationId, sent.Id ?? "");
                }
            }

            // A new 1:1 chat, opened through where the user (else the via user) was seen, once per channel and address.
            foreach (var from in seen.Concat(via).Where(c => (c.ChannelId == channel) == onChannel).DistinctBy(c => (c.ChannelId, c.ServiceUrl))
                .Where(c => !failures.ContainsKey((c.ChannelId, c.ServiceUrl))))
            {
                if (await TryAsync(from, () => CreatePersonalConversationAsync(from, user, activity, cancellationToken), failures) is { } created)
                {
                    return created;
                }
            }
        }

        throw new RecipientUnreachableException(user.Id!, failures.Count > 0
            ? string.Join("; ", failures.Select(f => $"{f.Key.Channel} at {f.Key.ServiceUrl}: {f.Value}"))
            : "the bot has never seen them, nor anyone to reach them through");
    }

    private Task<List<StoredConversation>> SeenAsync(string userId, CancellationToken cancellationToken) =>
        db.Conversations.AsNoTracking().Where(c => c.UserId == userId).OrderByDescending(c => c.LastActivityAt).ToListAsync(cancellationToken);

    // A conversation that cannot be reached is a reason to try the next, logged in one line (no stack trace: expected).
    private async Task<T?> TryAsync<T>(
        StoredConversation conversation, Func<Task<T>> send, Dictionary<(string, string), string> failures) where T : class
    {
        try
        {
            return await send();
        }
        catch (Exception ex) when (ex is HttpRequestException or ConnectorException or UnauthorizedAccessException or ArgumentException)
        {
            logger.LogWarning("Could not reach conversation {ConversationId} on {ChannelId} at {ServiceUrl}: {Reason}",
                conversation.ConversationId, conversation.ChannelId, conversation.ServiceUrl, ex.Message);
            failures[(conversation.ChannelId, conversation.ServiceUrl)] = ex.Message;
            return null;
        }
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

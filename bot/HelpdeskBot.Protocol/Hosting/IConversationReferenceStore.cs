using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Protocol.Hosting;

/// <summary>Where conversation references are kept for proactive messages. The app supplies the storage.</summary>
public interface IConversationReferenceStore
{
    /// <summary>Records (or refreshes) the reference of an inbound activity.</summary>
    Task SaveAsync(ConversationReference reference, string? tenantId, bool authenticated, CancellationToken cancellationToken);
}

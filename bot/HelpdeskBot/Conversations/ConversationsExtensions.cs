using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Hosting;

namespace HelpdeskBot.Conversations;

public static class ConversationsExtensions
{
    /// <summary>Stores a reference from every inbound activity and offers proactive messaging.</summary>
    public static IHostApplicationBuilder AddConversations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IConversationReferenceStore, EfConversationReferenceStore>();
        builder.Services.AddSingleton<RecentConversationWrites>();
        builder.Services.AddSingleton<IBotMiddleware, ConversationReferenceMiddleware>();
        builder.Services.AddScoped<ProactiveMessenger>();
        builder.Services.AddScoped<WelcomeTracker>();
        return builder;
    }
}

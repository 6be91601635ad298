namespace HelpdeskBot.Handover;

public static class HandoverExtensions
{
    /// <summary>Reaching a person from chat: the offer and its answer, and the small in-memory record of recent turns.</summary>
    public static IServiceCollection AddHandover(this IServiceCollection services)
    {
        services.AddSingleton<ConversationTurns>();
        services.AddScoped<HandoverChat>();
        return services;
    }
}

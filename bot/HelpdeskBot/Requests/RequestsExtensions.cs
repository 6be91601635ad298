using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

public static class RequestsExtensions
{
    /// <summary>Service requests in chat: commands and card actions, where each ticket's cards are, and notifications.</summary>
    public static IHostApplicationBuilder AddRequests(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<RequestsChat>();
        services.AddScoped<TicketCards>();
        services.AddSingleton<CardTokens>();
        services.AddScoped<TicketNotifications>();
        services.AddSingleton<ITicketEvents, TicketNotifier>();
        return builder;
    }
}

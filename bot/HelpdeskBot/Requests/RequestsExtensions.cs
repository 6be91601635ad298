using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

public static class RequestsExtensions
{
    /// <summary>Service requests in chat: commands and card actions, where each ticket's cards are, notifications, and approval cards that waited for their approver.</summary>
    public static IHostApplicationBuilder AddRequests(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<RequestsChat>();
        services.AddScoped<TicketCards>();
        services.AddSingleton<CardTokens>();
        services.AddScoped<TicketNotifications>();
        services.AddSingleton<ITicketEvents, TicketNotifier>();
        services.AddSingleton<WaitingApprovals>();
        services.AddHostedService(sp => sp.GetRequiredService<WaitingApprovals>());
        services.AddSingleton<IBotMiddleware, WaitingApprovalsMiddleware>(); // after the people directory's: it reads what that learnt

        return builder;
    }
}

using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Requests;

namespace HelpdeskBot.Chat;

public static class ChatExtensions
{
    public static IHostApplicationBuilder AddHelpdeskChat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<RequestsChat>();
        builder.Services.AddScoped<IBot, HelpdeskActivityHandler>();
        return builder;
    }
}

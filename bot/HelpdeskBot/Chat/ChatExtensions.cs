using HelpdeskBot.Handover;
using HelpdeskBot.Protocol.Builder;

namespace HelpdeskBot.Chat;

public static class ChatExtensions
{
    public static IHostApplicationBuilder AddHelpdeskChat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IBot, HelpdeskActivityHandler>();
        builder.Services.AddHandover();
        return builder;
    }
}

using HelpdeskBot.Protocol.Authentication;
using HelpdeskBot.Protocol.Connector;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Protocol.Hosting;

public static class BotFrameworkExtensions
{
    /// <summary>
    /// Adds the Bot Framework protocol: options under the SDK's key names (validated at start), inbound
    /// authentication, outbound tokens, the Connector client and the HTTP adapter. The app adds its <see cref="Builder.IBot"/>,
    /// its <see cref="Builder.IBotMiddleware"/>s and an <see cref="IConversationReferenceStore"/>.
    /// </summary>
    public static IHostApplicationBuilder AddBotFramework(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BotFrameworkOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BotHostingOptions>().BindConfiguration(BotHostingOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConnectorRetryOptions>().BindConfiguration($"{BotHostingOptions.SectionName}:Retry");
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(BotFrameworkHttpClients.Metadata);
        services.AddHttpClient(BotFrameworkHttpClients.Token);
        services.AddHttpClient(BotFrameworkHttpClients.Connector);
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<BotAuthenticator>();
        services.TryAddSingleton<IAccessTokenProvider, ClientCredentialsTokenProvider>();
        services.AddMetrics();
        services.TryAddSingleton<ConnectorMetrics>();
        services.AddSingleton<ConnectorClientFactory>();
        services.AddSingleton<BotHttpAdapter>();
        return builder;
    }

    /// <summary>Maps the messaging endpoint (all methods, so others get 405) and warns loudly when it is anonymous.</summary>
    public static IEndpointConventionBuilder MapBotMessages(this WebApplication app, string pattern = "/api/messages")
    {
        if (app.Services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.IsAuthenticationDisabled)
        {
            app.Logger.LogWarning(
                "AUTHENTICATION IS OFF: MicrosoftAppId is empty, so {Endpoint} accepts requests from anyone. " +
                "This is for local development only; set MicrosoftAppId and MicrosoftAppPassword in production.", pattern);
        }

        return app.Map(pattern, (HttpContext http, BotHttpAdapter adapter) => adapter.ProcessAsync(http, http.RequestAborted));
    }
}

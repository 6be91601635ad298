using HelpdeskBot.Protocol.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Api;

public static class ApiExtensions
{
    /// <summary>
    /// The REST API's plumbing: ProblemDetails for errors, an OpenAPI document, API-key authentication (keys under
    /// <c>Api:Keys</c>, validated at start), one authorization policy per role and the open endpoints' rate limits.
    /// </summary>
    public static IHostApplicationBuilder AddHelpdeskApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddApiRateLimits();

        // The API key scheme is asked for by the policies only: as the default it would also run on /api/messages,
        // whose Bot Connector tokens it would log as bad keys.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiRoles.KnowledgeAuthorPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(ApiRoles.KnowledgeAuthor))
            .AddPolicy(ApiRoles.PeopleAdminPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(ApiRoles.PeopleAdmin))
            .AddPolicy(ApiRoles.TicketsAgentPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(ApiRoles.TicketsAgent))
            .AddPolicy(ApiRoles.TicketsReaderPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(ApiRoles.TicketsReader, ApiRoles.TicketsAgent))
            .AddPolicy(ApiRoles.OutagesAgentPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(ApiRoles.OutagesAgent))
            .AddPolicy(ApiRoles.ServicesAdminPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(ApiRoles.ServicesAdmin))
            .AddPolicy(ApiRoles.OutagesReaderPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(ApiRoles.OutagesAgent, ApiRoles.ServicesAdmin, ApiRoles.TicketsReader, ApiRoles.TicketsAgent))
            .AddPolicy(ApiRoles.AlertsPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(ApiRoles.Alerts));
        return builder;
    }

    /// <summary>Maps <c>/openapi/v1.json</c> and says once at start when the API is open (development) or closed.</summary>
    public static WebApplication MapHelpdeskApi(this WebApplication app)
    {
        app.MapOpenApi();
        var api = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        var bot = app.Services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        if (ApiKeyAuthenticationHandler.IsOpenDevelopmentMode(api, bot))
        {
            app.Logger.LogWarning(
                "API WRITES ARE OPEN: no Api:Keys are configured and MicrosoftAppId is empty, so anyone who can reach " +
                "this app may write knowledge articles, read and write the people directory, and read, create and change tickets. " +
                "This is for local development only; configure Api:Keys.");
        }
        else if (api.Keys.Count == 0)
        {
            app.Logger.LogInformation("No Api:Keys are configured: REST API writes are refused (401)");
        }

        return app;
    }
}

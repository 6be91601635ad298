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
        // One policy per role: the API key scheme, and any of the roles named.
        var policies = services.AddAuthorizationBuilder();
        void Role(string policy, params string[] roles) => policies.AddPolicy(policy, p => p
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireRole(roles));
        Role(ApiRoles.KnowledgeAuthorPolicy, ApiRoles.KnowledgeAuthor);
        Role(ApiRoles.PeopleAdminPolicy, ApiRoles.PeopleAdmin);
        Role(ApiRoles.TicketsAgentPolicy, ApiRoles.TicketsAgent);
        Role(ApiRoles.TicketsReaderPolicy, ApiRoles.TicketsReader, ApiRoles.TicketsAgent);
        Role(ApiRoles.OutagesAgentPolicy, ApiRoles.OutagesAgent);
        Role(ApiRoles.ServicesAdminPolicy, ApiRoles.ServicesAdmin);
        Role(ApiRoles.OutagesReaderPolicy, ApiRoles.OutagesAgent, ApiRoles.ServicesAdmin, ApiRoles.TicketsReader, ApiRoles.TicketsAgent);
        Role(ApiRoles.AlertsPolicy, ApiRoles.Alerts);
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

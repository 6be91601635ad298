using HelpdeskBot.Protocol.Authentication;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Observability;

/// <summary>
/// With a <c>MicrosoftAppId</c>, the bot can get its token for the Bot Connector (cached by the provider, so a probe
/// asks the login endpoint only when the token is due for renewal); without one, nothing is needed.
/// </summary>
public sealed class ConnectorTokenHealthCheck(IOptions<BotFrameworkOptions> bot, IAccessTokenProvider tokens) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (bot.Value.IsAuthenticationDisabled)
        {
            return HealthCheckResult.Healthy("MicrosoftAppId is not set: no token is needed (development).");
        }

        try
        {
            await tokens.GetTokenAsync(cancellationToken);
            return HealthCheckResult.Healthy("A Bot Connector token is at hand.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("No Bot Connector token could be obtained.", ex);
        }
    }
}

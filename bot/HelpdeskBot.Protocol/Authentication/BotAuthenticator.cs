using System.Security.Claims;
using HelpdeskBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HelpdeskBot.Protocol.Authentication;

/// <summary>
/// Authenticates inbound activities as the Bot Framework SDK does: Bot Connector tokens (path A: fixed issuer,
/// endorsed keys, <c>serviceurl</c> claim) and Entra/emulator tokens (path B: known tenants, <c>ver</c> with
/// <c>appid</c>/<c>azp</c>). Runs after the body is read, since endorsements and the service URL come from it.
/// </summary>
public sealed class BotAuthenticator
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotFrameworkOptions _options;
    private readonly BotEndpoints _endpoints;
    private readonly OpenIdKeySource? _channelKeys;
    private readonly OpenIdKeySource? _emulatorKeys;
    private readonly IReadOnlyList<string> _emulatorIssuers;
    private readonly TrustedServiceUrls _trustedUrls;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new();

    public BotAuthenticator(
        IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClientFactory, TrustedServiceUrls trustedUrls,
        TimeProvider time, ILogger<BotAuthenticator> logger)
    {
        _options = options.Value;
        _endpoints = _options.ResolveEndpoints();
        _trustedUrls = trustedUrls;
        _time = time;
        var http = httpClientFactory.CreateClient(BotFrameworkHttpClients.Metadata);
        _channelKeys = _endpoints.ChannelOpenIdMetadataUrl is { } channelUrl
            ? new OpenIdKeySource(http, channelUrl, time, logger) : null;
        _emulatorKeys = _endpoints.EmulatorOpenIdMetadataUrl is { } emulatorUrl
            ? new OpenIdKeySource(http, emulatorUrl, time, logger) : null;
        _emulatorIssuers = BotEndpoints.EmulatorIssuers(_options.MicrosoftAppTenantId);
    }

    public bool IsAuthenticationDisabled => _options.IsAuthenticationDisabled;

    /// <summary>Validates the request's bearer token against the activity it carried.</summary>
    public async Task<AuthenticationResult> AuthenticateAsync(
        string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        if (IsAuthenticationDisabled)
        {
            return AuthenticationResult.Anonymous;
        }

        if (authorizationHeader is null || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Fail("missing bearer token");
        }

        var raw = authorizationHeader["Bearer ".Length..].Trim();
        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or SecurityTokenException)
        {
            // Whatever the caller sent, a token that cannot be read is the caller's problem: 401, never 500.
            return AuthenticationResult.Fail($"malformed token ({ex.GetType().Name})");
        }

        var result = token.Issuer == _endpoints.ChannelTokenIssuer && _channelKeys is not null
            ? await ValidateChannelTokenAsync(raw, token, activity, cancellationToken)
            : _emulatorIssuers.Contains(token.Issuer) && _emulatorKeys is not null
                ? await ValidateEmulatorTokenAsync(raw, token, activity, cancellationToken)
                : AuthenticationResult.Fail($"untrusted issuer '{token.Issuer}'");

        if (result.Succeeded && activity.ServiceUrl is { } serviceUrl)
        {
            _trustedUrls.Trust(serviceUrl);
        }

        return result;
    }

    private async Task<AuthenticationResult> ValidateChannelTokenAsync(
        string raw, JsonWebToken token, Activity activity, CancellationToken cancellationToken)
    {
        var (identity, failure) = await ValidateAsync(
            raw, token, _channelKeys!, [_endpoints.ChannelTokenIssuer!], activity.ChannelId, requireEndorsement: true,
            cancellationToken);
        if (identity is null)
        {
            return AuthenticationResult.Fail(failure!);
        }

        if (activity.ServiceUrl is { Length: > 0 } serviceUrl)
        {
            var claim = identity.FindFirst("serviceurl")?.Value;
            if (!string.Equals(claim, serviceUrl, StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticationResult.Fail($"serviceurl claim '{claim}' does not match the activity's serviceUrl");
            }
        }

        return AuthenticationResult.Success(identity);
    }

    private async Task<AuthenticationResult> ValidateEmulatorTokenAsync(
        string raw, JsonWebToken token, Activity activity, CancellationToken cancellationToken)
    {
        var (identity, failure) = await ValidateAsync(
            raw, token, _emulatorKeys!, _emulatorIssuers, activity.ChannelId, requireEndorsement: false,
            cancellationToken);
        if (identity is null)
        {
            return AuthenticationResult.Fail(failure!);
        }

        var appIdClaim = identity.FindFirst("ver")?.Value switch
        {
            "1.0" => "appid",
            "2.0" => "azp",
            var other => null,
        };
        if (appIdClaim is null)
        {
            return AuthenticationResult.Fail("emulator token without a 'ver' claim of 1.0 or 2.0");
        }

        var appId = identity.FindFirst(appIdClaim)?.Value;
        return appId == _options.MicrosoftAppId
            ? AuthenticationResult.Success(identity)
            : AuthenticationResult.Fail($"emulator token's {appIdClaim} '{appId}' is not this bot");
    }

    private async Task<(ClaimsIdentity? Identity, string? Failure)> ValidateAsync(
        string raw, JsonWebToken token, OpenIdKeySource source, IReadOnlyList<string> issuers, string? channelId,
        bool requireEndorsement, CancellationToken cancellationToken)
    {
        var keys = await source.GetKeysAsync(token.Kid, cancellationToken);
        if (!keys.Contains(token.Kid))
        {
            return (null, $"token signed with unknown key '{token.Kid}'");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = issuers,
            ValidAudience = _options.MicrosoftAppId,
            IssuerSigningKeys = keys.Keys,
            ValidAlgorithms = AllowedAlgorithms,
            ClockSkew = ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            LifetimeValidator = ValidateLifetime,
        };
        var result = await _handler.ValidateTokenAsync(raw, parameters);
        if (!result.IsValid)
        {
            return (null, result.Exception?.Message ?? "invalid token");
        }

        var endorsed = keys.Endorsements.TryGetValue(token.Kid, out var channels)
            ? string.IsNullOrEmpty(channelId) || channels.Contains(channelId, StringComparer.OrdinalIgnoreCase)
            : !requireEndorsement;
        return endorsed ? (result.ClaimsIdentity, null) : (null, $"key '{token.Kid}' is not endorsed for channel '{channelId}'");
    }

    // The handler's own lifetime check reads the system clock; this one reads the injected TimeProvider.
    private bool ValidateLifetime(
        DateTime? notBefore, DateTime? expires, SecurityToken securityToken, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp.ToUniversalTime() + ClockSkew &&
               (notBefore is not { } nbf || now >= nbf.ToUniversalTime() - ClockSkew);
    }
}

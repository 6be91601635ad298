using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>
/// Bot Framework's and Entra's identity endpoints on a loopback port, with locally generated RSA keys: OpenID
/// metadata, JWKS with channel endorsements, and a client-credentials token endpoint. Signs test tokens.
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    public const string BotAppId = "bot-app-id";
    public const string BotAppPassword = "bot-secret";
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string EmulatorIssuerV2 = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0";

    private readonly WebApplication _app;
    private readonly Dictionary<string, (RsaSecurityKey Key, string[]? Endorsements)> _published = [];

    public RsaSecurityKey ChannelKey { get; } = NewKey("channel-key");
    public RsaSecurityKey WebChatOnlyKey { get; } = NewKey("webchat-key");
    public RsaSecurityKey EmulatorKey { get; } = NewKey("emulator-key");
    public RsaSecurityKey UnpublishedKey { get; } = NewKey("unpublished-key");

    /// <summary>Form bodies of every token request.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenRequests { get; } = new();

    public string BaseUrl { get; private set; } = "";

    private FakeIdentityProvider(WebApplication app)
    {
        _app = app;
        _published["channel-key"] = (ChannelKey, ["msteams", "emulator"]);
        _published["webchat-key"] = (WebChatOnlyKey, ["webchat"]);
        _published["emulator-key"] = (EmulatorKey, null);
    }

    public static async Task<FakeIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var idp = new FakeIdentityProvider(builder.Build());
        idp.Map();
        await idp._app.StartAsync();
        idp.BaseUrl = idp._app.Urls.First();
        return idp;
    }

    /// <summary>The bot's settings, under the SDK's key names, pointing every endpoint here.</summary>
    public Dictionary<string, string?> BotSettings() => new()
    {
        ["MicrosoftAppId"] = BotAppId,
        ["MicrosoftAppPassword"] = BotAppPassword,
        ["MicrosoftAppType"] = "MultiTenant",
        ["ToBotFromChannelOpenIdMetadataUrl"] = $"{BaseUrl}/channel/.well-known/openidconfiguration",
        ["ToBotFromChannelTokenIssuer"] = ChannelIssuer,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = $"{BaseUrl}/emulator/.well-known/openid-configuration",
        ["ToChannelFromBotLoginUrl"] = $"{BaseUrl}/botframework.com",
        ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
        ["ValidateAuthority"] = "false",
    };

    private void Map()
    {
        _app.MapGet("/channel/.well-known/openidconfiguration", () => new { issuer = ChannelIssuer, jwks_uri = $"{BaseUrl}/channel/keys" });
        _app.MapGet("/channel/keys", () => Jwks("channel-key", "webchat-key"));
        _app.MapGet("/emulator/.well-known/openid-configuration", () => new { issuer = EmulatorIssuerV2, jwks_uri = $"{BaseUrl}/emulator/keys" });
        _app.MapGet("/emulator/keys", () => Jwks("emulator-key"));
        _app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            TokenRequests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
            return form["client_secret"] == BotAppPassword
                ? Results.Json(new { token_type = "Bearer", expires_in = 3600, access_token = $"outbound-token-{TokenRequests.Count}" })
                : Results.Json(new { error = "invalid_client" }, statusCode: 401);
        });
    }

    private object Jwks(params string[] kids) => new
    {
        keys = kids.Select(kid =>
        {
            var (key, endorsements) = _published[kid];
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
            return new { kty = "RSA", use = "sig", kid, n = jwk.N, e = jwk.E, endorsements };
        }),
    };

    /// <summary>A Bot Connector token (path A) for <paramref name="serviceUrl"/>, tweakable per test.</summary>
    public string ChannelToken(
        string serviceUrl, RsaSecurityKey? key = null, string issuer = ChannelIssuer, string audience = BotAppId,
        TimeSpan? expiresIn = null, string? serviceUrlClaim = null) =>
        Sign(key ?? ChannelKey, issuer, audience, expiresIn, new Dictionary<string, object> { ["serviceurl"] = serviceUrlClaim ?? serviceUrl });

    /// <summary>An Entra v2 token (path B), as the Playground with credentials or a skill sends.</summary>
    public string EmulatorToken(string? version = "2.0", string azp = BotAppId, string audience = BotAppId)
    {
        var claims = new Dictionary<string, object> { ["azp"] = azp };
        if (version is not null) claims["ver"] = version;
        return Sign(EmulatorKey, EmulatorIssuerV2, audience, null, claims);
    }

    private static string Sign(
        RsaSecurityKey key, string issuer, string audience, TimeSpan? expiresIn, Dictionary<string, object> claims)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddHours(-1) : now,
            NotBefore = expires < now ? expires.AddHours(-1) : now.AddMinutes(-1),
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

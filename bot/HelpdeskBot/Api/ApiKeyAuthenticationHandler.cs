using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using HelpdeskBot.Protocol.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Api;

/// <summary>
/// Authenticates REST clients by a configured key sent as <c>X-Api-Key</c> or <c>Authorization: Bearer</c>. With no
/// keys and no bot identity (local development) every request is let in with every role, so the API is usable at once.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory loggerFactory, UrlEncoder encoder,
    IOptions<ApiOptions> api, IOptions<BotFrameworkOptions> bot, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string DevelopmentAuthor = "development (no API keys)";

    public static bool IsOpenDevelopmentMode(ApiOptions api, BotFrameworkOptions bot) =>
        api.Keys.Count == 0 && bot.IsAuthenticationDisabled;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (IsOpenDevelopmentMode(api.Value, bot.Value))
        {
            return Task.FromResult(Success(DevelopmentAuthor, ApiRoles.All));
        }

        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(Find(api.Value.Keys, presented) is { } key
            ? Success(key.Name, key.RoleNames)
            : AuthenticateResult.Fail("The API key is not valid."));
    }

    /// <summary>The configured key a request presents, if any (whatever its roles); for what runs before authorization.</summary>
    public static ApiKey? PresentedValidKey(HttpRequest request, ApiOptions api) =>
        api.Keys.Count > 0 && PresentedKey(request) is { } presented ? Find(api.Keys, presented) : null;

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers[HeaderName].ToString() is { Length: > 0 } header)
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    /// <summary>Compares hashes in constant time, against every key, so timing tells nothing about any key.</summary>
    private static ApiKey? Find(IEnumerable<ApiKey> keys, string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKey? match = null;
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, SHA256.HashData(Encoding.UTF8.GetBytes(key.Key.Trim()))))
            {
                match ??= key;
            }
        }

        return match;
    }

    private AuthenticateResult Success(string name, IEnumerable<string> roles)
    {
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaims(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"HelpdeskBot API\", {HeaderName}";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "An API key is required",
            $"Send a configured key in the {HeaderName} header or as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "This API key may not do that", "The key does not hold the role this needs.");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}

using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Protocol.Authentication;

/// <summary>
/// Gets the bot's outbound token by the OAuth 2.0 client-credentials grant against
/// <c>{ToChannelFromBotLoginUrl}/oauth2/v2.0/token</c>, and caches it until shortly before it expires.
/// A plain request rather than MSAL, since MSAL refuses the plain-http loopback authorities tests need.
/// </summary>
public sealed class ClientCredentialsTokenProvider(
    IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClientFactory, TimeProvider time,
    ILogger<ClientCredentialsTokenProvider> logger) : IAccessTokenProvider
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? _cached;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && time.GetUtcNow() < hit.RefreshAt)
        {
            return hit.Token;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } fresh && time.GetUtcNow() < fresh.RefreshAt)
            {
                return fresh.Token;
            }

            var token = await RequestAsync(cancellationToken);
            var lifetime = TimeSpan.FromSeconds(Math.Max(token.ExpiresIn, 0));
            var margin = lifetime > RefreshMargin * 2 ? RefreshMargin : lifetime / 2;
            _cached = (token.AccessToken, time.GetUtcNow() + lifetime - margin);
            return token.AccessToken;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<TokenResponse> RequestAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var endpoints = settings.ResolveEndpoints();
        var scope = endpoints.OAuthScope!.EndsWith("/.default", StringComparison.Ordinal)
            ? endpoints.OAuthScope
            : endpoints.OAuthScope.TrimEnd('/') + "/.default";
        var url = endpoints.LoginUrl!.TrimEnd('/') + "/oauth2/v2.0/token";
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.MicrosoftAppId!,
            ["client_secret"] = settings.MicrosoftAppPassword ?? "",
            ["scope"] = scope,
        });
        var http = httpClientFactory.CreateClient(BotFrameworkHttpClients.Token);
        using var response = await http.PostAsync(url, form, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            logger.LogError("Token request to {TokenUrl} failed with {StatusCode}: {Body}", url, (int)response.StatusCode, body);
            throw new HttpRequestException($"Token request failed with {(int)response.StatusCode}.", null, response.StatusCode);
        }

        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        return token is { AccessToken.Length: > 0 }
            ? token
            : throw new HttpRequestException("Token endpoint answered without an access_token.");
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);
}

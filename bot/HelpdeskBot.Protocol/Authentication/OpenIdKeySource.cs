using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace HelpdeskBot.Protocol.Authentication;

/// <summary>
/// Fetches and caches the signing keys behind one OpenID metadata URL: metadata, then its <c>jwks_uri</c>.
/// Keys are refreshed daily, and at once (at most every five minutes) when a token names a key id not yet seen,
/// which is how key rollover shows up. A failed fetch is not retried within those five minutes either, so forged
/// tokens cannot make the bot hammer the metadata endpoint while it is down.
/// </summary>
public sealed class OpenIdKeySource(HttpClient http, string metadataUrl, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private SigningKeys? _keys;
    private DateTimeOffset? _lastAttempt;

    public string MetadataUrl => metadataUrl;

    /// <summary>The keys, refreshed first if stale or if <paramref name="keyId"/> is unknown.</summary>
    public async Task<SigningKeys> GetKeysAsync(string? keyId, CancellationToken cancellationToken)
    {
        var keys = _keys;
        if (keys is not null && !IsStale(keys) && (keys.Contains(keyId) || !MayRefresh(keys)))
        {
            return keys;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            keys = _keys;
            if (keys is null || IsStale(keys) || (!keys.Contains(keyId) && MayRefresh(keys)))
            {
                _keys = keys = await FetchThrottledAsync(keys, cancellationToken);
            }

            return keys;
        }
        finally
        {
            _lock.Release();
        }
    }

    private bool IsStale(SigningKeys keys) => time.GetUtcNow() - keys.FetchedAt > RefreshInterval;

    private bool MayRefresh(SigningKeys keys) => time.GetUtcNow() - keys.FetchedAt > MinimumRefreshInterval;

    // At most one fetch per MinimumRefreshInterval, failed or not: until then the old keys serve, or, with none, the
    // caller hears at once that there are none (which the adapter answers with 503).
    private async Task<SigningKeys> FetchThrottledAsync(SigningKeys? current, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_lastAttempt is { } last && now - last < MinimumRefreshInterval)
        {
            return current ?? throw new InvalidOperationException(
                $"The signing keys from {metadataUrl} could not be loaded at {last:O}; not retrying before {last + MinimumRefreshInterval:O}.");
        }

        _lastAttempt = now;
        try
        {
            return await FetchAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or System.Text.Json.JsonException)
        {
            logger.LogError(ex, "Could not load the signing keys from {MetadataUrl}; next try after {NextTry:O}", metadataUrl, now + MinimumRefreshInterval);
            throw;
        }
    }

    private async Task<SigningKeys> FetchAsync(CancellationToken cancellationToken)
    {
        using var metadata = await GetJsonAsync(metadataUrl, cancellationToken);
        var jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var uri) ? uri.GetString() : null;
        if (jwksUri is null || !EndpointUrl.IsAllowed(jwksUri))
        {
            throw new InvalidOperationException($"OpenID metadata at {metadataUrl} has no usable jwks_uri.");
        }

        var jwksJson = await GetStringAsync(jwksUri, cancellationToken);
        var keySet = new JsonWebKeySet(jwksJson);
        var endorsements = ReadEndorsements(jwksJson);
        logger.LogInformation("Loaded {KeyCount} signing keys from {JwksUri}", keySet.Keys.Count, jwksUri);
        return new SigningKeys([.. keySet.GetSigningKeys()], endorsements, time.GetUtcNow());
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadEndorsements(string jwksJson)
    {
        using var document = JsonDocument.Parse(jwksJson);
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.TryGetProperty("kid", out var kid) && kid.GetString() is { } id &&
                key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                result[id] = [.. list.EnumerateArray().Select(e => e.GetString()).OfType<string>()];
            }
        }

        return result;
    }

    private async Task<JsonDocument> GetJsonAsync(string url, CancellationToken cancellationToken) =>
        JsonDocument.Parse(await GetStringAsync(url, cancellationToken));

    private async Task<string> GetStringAsync(string url, CancellationToken cancellationToken)
    {
        if (!EndpointUrl.IsAllowed(url))
        {
            throw new InvalidOperationException($"Refusing to fetch keys over an insecure URL: {url}");
        }

        using var response = await http.GetAsync(url, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}

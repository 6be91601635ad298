using System.Collections.Concurrent;

namespace HelpdeskBot.Protocol.Authentication;

/// <summary>
/// The service URLs that arrived on authenticated activities. When authentication is on, the bot's token is only
/// ever sent to one of these, so a forged <c>serviceUrl</c> cannot harvest it.
/// </summary>
public sealed class TrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, bool> _urls = new(StringComparer.OrdinalIgnoreCase);

    public void Trust(string serviceUrl) => _urls[Normalize(serviceUrl)] = true;

    public bool IsTrusted(string serviceUrl) => _urls.ContainsKey(Normalize(serviceUrl));

    private static string Normalize(string url) => url.TrimEnd('/');
}

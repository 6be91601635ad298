using System.Net;

namespace HelpdeskBot.Protocol.Authentication;

/// <summary>Which URLs the bot may talk to with credentials: https anywhere, plain http on loopback only (tests).</summary>
public static class EndpointUrl
{
    private static readonly string[] KnownAuthorityHosts =
    [
        "login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn", "login.windows.net",
        "login.partner.microsoftonline.cn", "login.microsoftonline.de",
    ];

    /// <summary>True for an absolute https URL, or an http URL whose host is loopback.</summary>
    public static bool IsAllowed(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && IsAllowed(uri);

    /// <inheritdoc cref="IsAllowed(string?)"/>
    public static bool IsAllowed(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri));

    /// <summary>True when the host is localhost or a loopback address.</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    /// <summary>True when the URL's host is a Microsoft Entra login host.</summary>
    public static bool IsKnownAuthorityHost(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        KnownAuthorityHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);
}

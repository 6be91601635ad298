using HelpdeskBot.Protocol.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace HelpdeskBot.Protocol.Connector;

/// <summary>
/// Creates <see cref="ConnectorClient"/>s. With authentication on, a client carries the bot's token and is only
/// made for a service URL that arrived on an authenticated activity.
/// </summary>
public sealed class ConnectorClientFactory
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IAccessTokenProvider _tokens;
    private readonly TrustedServiceUrls _trustedUrls;
    private readonly bool _authenticationDisabled;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ConnectorMetrics _metrics;

    public ConnectorClientFactory(
        IHttpClientFactory httpClientFactory, IAccessTokenProvider tokens, TrustedServiceUrls trustedUrls,
        IOptions<BotFrameworkOptions> options, IOptions<ConnectorRetryOptions> retry, TimeProvider time,
        ILogger<ConnectorClient> logger, ConnectorMetrics metrics)
    {
        _metrics = metrics;
        _httpClientFactory = httpClientFactory;
        _tokens = tokens;
        _trustedUrls = trustedUrls;
        _authenticationDisabled = options.Value.IsAuthenticationDisabled;
        _pipeline = ConnectorRetry.CreatePipeline(retry.Value, time, logger, metrics);
    }

    public ConnectorClient Create(string serviceUrl) => Create(serviceUrl, retry: true);

    /// <summary>
    /// A client for <paramref name="serviceUrl"/>; without <paramref name="retry"/>, each call is one attempt and a
    /// 429's <c>Retry-After</c> comes back on the <see cref="ConnectorException"/> (a broadcast reschedules that one
    /// message instead of holding a worker).
    /// </summary>
    public ConnectorClient Create(string serviceUrl, bool retry)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"Not a usable serviceUrl: '{serviceUrl}'.", nameof(serviceUrl));
        }

        var http = _httpClientFactory.CreateClient(BotFrameworkHttpClients.Connector);
        if (_authenticationDisabled)
        {
            return new ConnectorClient(http, uri, tokens: null, retry ? _pipeline : ResiliencePipeline<HttpResponseMessage>.Empty, _metrics);
        }

        if (!EndpointUrl.IsAllowed(uri) || !_trustedUrls.IsTrusted(serviceUrl))
        {
            throw new UnauthorizedAccessException(
                $"Refusing to send the bot's token to '{serviceUrl}': it did not arrive on an authenticated activity.");
        }

        return new ConnectorClient(http, uri, _tokens, retry ? _pipeline : ResiliencePipeline<HttpResponseMessage>.Empty, _metrics);
    }
}

using System.Net;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Protocol.Connector;

/// <summary>A Connector call that failed for good (after any retries).</summary>
public sealed class ConnectorException(HttpStatusCode statusCode, Error? error, string operation, TimeSpan? retryAfter = null)
    : Exception($"Connector {operation} failed with {(int)statusCode} {statusCode}: {error?.Code} {error?.Message}".TrimEnd())
{
    public HttpStatusCode StatusCode => statusCode;
    public Error? Error => error;

    /// <summary>How long the channel asked to wait (<c>Retry-After</c> of a 429 or 503), if it said.</summary>
    public TimeSpan? RetryAfter => retryAfter;

    /// <summary>Worth trying again later: throttled (429), or the channel briefly unavailable (412, 502, 503, 504).</summary>
    public bool IsTransient => ConnectorRetry.IsTransient(statusCode);

    /// <summary>True when Teams says the user blocked or removed the bot (403 MessageWritesBlocked).</summary>
    public bool IsBlockedByUser =>
        statusCode == HttpStatusCode.Forbidden &&
        (error?.Code?.Contains("MessageWritesBlocked", StringComparison.OrdinalIgnoreCase) == true ||
         error?.Message?.Contains("MessageWritesBlocked", StringComparison.OrdinalIgnoreCase) == true);
}

using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace HelpdeskBot.Protocol.Connector;

/// <summary>
/// The retry policy for Connector calls: 429 (honouring <c>Retry-After</c>), 412, 502, 503, 504 and network errors,
/// with jittered exponential backoff and a bounded number of tries. 400, 401, 403 and other errors are final.
/// </summary>
public static class ConnectorRetry
{
    private static readonly HttpStatusCode[] TransientStatusCodes =
    [
        HttpStatusCode.TooManyRequests, HttpStatusCode.PreconditionFailed, HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    public static bool IsTransient(HttpStatusCode status) => TransientStatusCodes.Contains(status);

    /// <summary>
    /// The retry pipeline; with <see cref="ConnectorRetryOptions.MaxRetries"/> 0, one attempt and no retry. Each retry is
    /// counted on <paramref name="metrics"/> when given.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(
        ConnectorRetryOptions options, TimeProvider time, ILogger logger, ConnectorMetrics? metrics = null) =>
        options.MaxRetries <= 0 ? ResiliencePipeline<HttpResponseMessage>.Empty : new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(response => IsTransient(response.StatusCode)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time, options.MaxDelay)),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Connector call failed with {Outcome}; retry {Attempt} in {Delay}",
                        args.Outcome.Result?.StatusCode.ToString() ?? args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 1, args.RetryDelay);
                    metrics?.Retried(args.Outcome.Result is { } failed
                        ? ((int)failed.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : args.Outcome.Exception?.GetType().Name ?? "unknown");
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>The wait a 429/503 asks for in <c>Retry-After</c> (seconds or a date), capped; null when absent.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time, TimeSpan max)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return delay is null ? null : TimeSpan.FromTicks(Math.Clamp(delay.Value.Ticks, 0, max.Ticks));
    }
}

using System.Diagnostics.Metrics;

namespace HelpdeskBot.Protocol.Connector;

/// <summary>
/// The protocol layer's own meter, <see cref="MeterName"/>: what the Bot Connector throttled and what was retried.
/// Request counts and durations per status code come from the HttpClient instrumentation; these say why.
/// </summary>
public sealed class ConnectorMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c>.</summary>
    public const string MeterName = "HelpdeskBot.Protocol";

    private readonly Counter<long> _throttled;
    private readonly Counter<long> _retries;

    public ConnectorMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _throttled = meter.CreateCounter<long>(
            "bot.connector.throttled", "{response}", "429 Too Many Requests answers from the Bot Connector, by operation.");
        _retries = meter.CreateCounter<long>(
            "bot.connector.retries", "{retry}", "Connector calls tried again, by what the failed attempt got (status code or exception).");
    }

    /// <summary>The Connector answered a call with 429.</summary>
    public void Throttled(string operation) => _throttled.Add(1, new KeyValuePair<string, object?>("bot.connector.operation", operation));

    /// <summary>A call is tried again after <paramref name="reason"/> (a status code such as 429, or an exception type).</summary>
    public void Retried(string reason) => _retries.Add(1, new KeyValuePair<string, object?>("bot.connector.retry_reason", reason));
}

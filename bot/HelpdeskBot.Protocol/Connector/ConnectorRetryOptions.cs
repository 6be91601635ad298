namespace HelpdeskBot.Protocol.Connector;

/// <summary>How the Connector client retries transient failures (section <c>Bot:Retry</c>).</summary>
public sealed class ConnectorRetryOptions
{
    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first backoff; doubled (with jitter) on each further retry.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>No computed backoff, and no <c>Retry-After</c>, makes the bot wait longer than this.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);
}

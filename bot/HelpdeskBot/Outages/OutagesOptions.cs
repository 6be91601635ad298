using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Outages;

/// <summary>The "Outages" section: the service map, how alerts map to outages, where notices go, and the broadcast's pace.</summary>
public sealed class OutagesOptions
{
    public const string SectionName = "Outages";

    /// <summary>The service map file, imported at start (relative paths from the app's folder).</summary>
    public string ServicesPath { get; set; } = Path.Combine("Outages", "service-map.json");

    /// <summary>The alert label (Alertmanager label, Azure custom property, generic field) that names the service.</summary>
    [Required, MaxLength(100)]
    public string AlertServiceLabel { get; set; } = "service";

    /// <summary>
    /// When every alert on an outage has resolved: <c>true</c> resolves the outage (and tells everyone); <c>false</c>
    /// notes it on the timeline and leaves resolving to an agent.
    /// </summary>
    public bool ResolveWhenAlertsResolve { get; set; } = true;

    /// <summary>Channels that get one post per outage, updated in place: <c>Outages:Channels:N:TeamId</c> and <c>:ChannelId</c>.</summary>
    public List<OutageChannelOptions> Channels { get; set; } = [];

    public BroadcastOptions Broadcast { get; set; } = new();

    /// <summary>Planned maintenance is announced this long before it starts, once for each (default 24 h and 1 h).</summary>
    public List<TimeSpan> MaintenanceNoticesBefore { get; set; } = [TimeSpan.FromHours(24), TimeSpan.FromHours(1)];
}

public sealed class OutageChannelOptions
{
    /// <summary>The team's Entra group id or its <c>19:…</c> id, as for <c>Agents:Queues</c>.</summary>
    [Required, MaxLength(256)]
    public string TeamId { get; set; } = "";

    [Required, MaxLength(256)]
    public string ChannelId { get; set; } = "";
}

public sealed class BroadcastOptions
{
    /// <summary>Sends per second per tenant, shared by every broadcast and every instance (Teams allows about 50 per app per tenant).</summary>
    [Range(1, 10_000)]
    public int RatePerSecond { get; set; } = 50;

    /// <summary>Sends in flight at once in this instance.</summary>
    [Range(1, 512)]
    public int Concurrency { get; set; } = 32;

    /// <summary>Tries for one recipient before the notice is marked failed (429s and 503s included).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// How long notices claimed by an instance stay its own without being renewed (it renews them every third of this
    /// while it works on them): after a crash, they go out again after at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest one send may take before it counts as failed and is tried again later.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(20);
}

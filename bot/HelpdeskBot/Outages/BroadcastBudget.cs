namespace HelpdeskBot.Outages;

/// <summary>
/// How many sends a tenant has used in the current one-second window, shared by every broadcast and every instance
/// through the database: an instance claims a few at a time with a conditional update.
/// </summary>
public sealed class BroadcastBudget
{
    private BroadcastBudget() { }

    public string Tenant { get; private set; } = "";

    /// <summary>The window's start, in whole seconds since the Unix epoch.</summary>
    public long Window { get; private set; }

    public int Used { get; private set; }

    public static BroadcastBudget Create(string tenant, long window, int used) => new() { Tenant = tenant, Window = window, Used = used };
}

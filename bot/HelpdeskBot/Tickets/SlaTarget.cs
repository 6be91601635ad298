namespace HelpdeskBot.Tickets;

/// <summary>The two clocks every ticket runs against.</summary>
public enum SlaTarget
{
    FirstResponse,
    Resolution,
}

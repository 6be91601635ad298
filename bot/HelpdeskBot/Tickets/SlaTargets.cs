namespace HelpdeskBot.Tickets;

/// <summary>How long (in business time when a calendar is set) until first response and until resolution.</summary>
public sealed class SlaTargets
{
    public TimeSpan FirstResponse { get; set; }
    public TimeSpan Resolution { get; set; }

    public TimeSpan For(SlaTarget target) => target == SlaTarget.FirstResponse ? FirstResponse : Resolution;
}

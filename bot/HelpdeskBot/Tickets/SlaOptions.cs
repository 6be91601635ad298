namespace HelpdeskBot.Tickets;

/// <summary>Targets per priority (<c>Tickets:Sla:P1</c>..<c>P4</c>) and the optional business-hours calendar.</summary>
public sealed class SlaOptions
{
    public SlaTargets P1 { get; set; } = new() { FirstResponse = TimeSpan.FromMinutes(15), Resolution = TimeSpan.FromHours(4) };
    public SlaTargets P2 { get; set; } = new() { FirstResponse = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(8) };
    public SlaTargets P3 { get; set; } = new() { FirstResponse = TimeSpan.FromHours(4), Resolution = TimeSpan.FromDays(3) };
    public SlaTargets P4 { get; set; } = new() { FirstResponse = TimeSpan.FromHours(8), Resolution = TimeSpan.FromDays(5) };

    /// <summary>Share of a target after which a warning is raised (0.75 = 75%).</summary>
    public double WarningAt { get; set; } = 0.75;

    /// <summary>When set, targets count business time only; when absent, the clock runs around the clock.</summary>
    public BusinessHoursOptions? BusinessHours { get; set; }

    public SlaTargets For(TicketPriority priority) => priority switch
    {
        TicketPriority.P1 => P1,
        TicketPriority.P2 => P2,
        TicketPriority.P3 => P3,
        _ => P4,
    };
}

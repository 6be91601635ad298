using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Tickets;

/// <summary>The ticket lifecycle's settings (section <c>Tickets</c>); checked at start by <see cref="TicketsOptionsValidator"/>.</summary>
public sealed class TicketsOptions
{
    public const string SectionName = "Tickets";

    /// <summary>How long after resolution a requester or agent may reopen a ticket.</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Longest comment accepted; longer ones are refused, not cut.</summary>
    [Range(1, 100_000)]
    public int MaxCommentLength { get; set; } = 4000;

    /// <summary>How often the SLA monitor looks at open tickets.</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Impact (outer key) by urgency (inner key) to priority; every one of the nine cells must be present.</summary>
    public Dictionary<string, Dictionary<string, TicketPriority>> PriorityMatrix { get; set; } =
        PriorityMatrixDefaults.Itil();

    public SlaOptions Sla { get; set; } = new();
}

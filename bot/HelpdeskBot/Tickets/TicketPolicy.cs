using Microsoft.Extensions.Options;

namespace HelpdeskBot.Tickets;

/// <summary>The configured rules a ticket's transitions consult: reopen window, priority matrix, SLA clock, comment cap.</summary>
public sealed class TicketPolicy(TimeSpan reopenWindow, PriorityMatrix matrix, SlaClock clock, int maxCommentLength = 4000)
{
    public TimeSpan ReopenWindow => reopenWindow;
    public PriorityMatrix Matrix => matrix;
    public SlaClock Clock => clock;
    public int MaxCommentLength => maxCommentLength;

    public static TicketPolicy From(TicketsOptions options) => new(
        options.ReopenWindow,
        new PriorityMatrix(options.PriorityMatrix),
        new SlaClock(new SlaCalendar(options.Sla.BusinessHours), options.Sla),
        options.MaxCommentLength);

    public static TicketPolicy From(IOptions<TicketsOptions> options) => From(options.Value);
}

using System.Globalization;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Requests;

/// <summary>How a ticket's state, priority and due times read in chat cards.</summary>
public static class TicketText
{
    public static string State(TicketState state) => state switch
    {
        TicketState.InProgress => "In progress",
        _ => state.ToString(),
    };

    /// <summary>The resolution due time in UTC, or why there is none yet.</summary>
    public static string SlaDue(Ticket ticket) => ticket.ResolutionDueAt is { } due
        ? Time(due)
        : ticket.Approval == ApprovalState.Pending ? "after approval" : "—";

    public static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

using HelpdeskBot.Tickets;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>Tickets in any state, built through legal moves only, with the default policy unless one is given.</summary>
internal static class TicketTestData
{
    public const string Requester = "29:requester";
    public const string Agent = "29:agent";
    public const string Approver = "29:approver";

    // Monday 23 November 2026, 09:00 UTC.
    public static readonly DateTimeOffset Monday9 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static TicketPolicy DefaultPolicy { get; } = TicketPolicy.From(new TicketsOptions());

    public static NewTicket Request(string? approver = null, TicketImpact impact = TicketImpact.Medium, TicketUrgency urgency = TicketUrgency.Medium) =>
        new(TicketKind.Request, "Access to the finance share", Requester, impact, urgency, ApproverId: approver);

    public static Ticket New(TicketPolicy? policy = null, NewTicket? input = null, DateTimeOffset? at = null) =>
        Ticket.Create("REQ0001001", input ?? Request(), SubmissionKey.Chat("key-1"), policy ?? DefaultPolicy, at ?? Monday9);

    public static Ticket In(TicketState state, TicketPolicy? policy = null)
    {
        policy ??= DefaultPolicy;
        var ticket = New(policy);
        var now = Monday9;
        foreach (var step in PathTo(state))
        {
            now = now.AddMinutes(10);
            ticket.MoveTo(step, Agent, null, policy, now);
        }

        return ticket;
    }

    private static TicketState[] PathTo(TicketState state) => state switch
    {
        TicketState.New => [],
        TicketState.Assigned => [TicketState.Assigned],
        TicketState.InProgress => [TicketState.InProgress],
        TicketState.Pending => [TicketState.InProgress, TicketState.Pending],
        TicketState.Resolved => [TicketState.InProgress, TicketState.Resolved],
        TicketState.Closed => [TicketState.InProgress, TicketState.Resolved, TicketState.Closed],
        TicketState.Cancelled => [TicketState.Cancelled],
        TicketState.Reopened => [TicketState.InProgress, TicketState.Resolved, TicketState.Reopened],
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}

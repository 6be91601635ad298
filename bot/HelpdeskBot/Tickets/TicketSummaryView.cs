namespace HelpdeskBot.Tickets;

/// <summary>
/// A ticket in a list of <c>GET /api/tickets</c> (and the first part of a <see cref="TicketView"/>). Enums are their names ("InProgress", "P2"). The due times are null
/// until the SLA clocks start (a request awaiting approval); <see cref="UpdatedAt"/> is the latest journal entry.
/// </summary>
public record TicketSummaryView(
    string Number, string Kind, string Title, string State, string Priority, string Impact, string Urgency,
    string RequesterId, string? AssignmentGroup, string? AssigneeId, string Approval,
    DateTimeOffset CreatedAt, DateTimeOffset? ResponseDueAt, DateTimeOffset? ResolutionDueAt, bool ResolutionPaused,
    DateTimeOffset? FirstRespondedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt, DateTimeOffset? UpdatedAt)
{
    public static TicketSummaryView From(Ticket t, DateTimeOffset? updatedAt) => new(
        t.Number, t.Kind.ToString(), t.Title, t.State.ToString(), t.Priority.ToString(), t.Impact.ToString(), t.Urgency.ToString(),
        t.RequesterId, t.AssignmentGroup, t.AssigneeId, t.Approval.ToString(),
        t.CreatedAt, t.FirstResponseDueAt, t.ResolutionDueAt, t.PausedAt is not null,
        t.FirstRespondedAt, t.ResolvedAt, t.ClosedAt, updatedAt);
}

namespace HelpdeskBot.Tickets;

/// <summary>
/// What the intake (chat card or API) submits. <paramref name="ApproverId"/> set means the request needs that person's
/// approval before anyone works on it (a Teams id, or a lower-case email: see <see cref="Ticket.ApproverId"/>);
/// <paramref name="NeedsApproval"/> with no approver files it pending with nobody named, journalled as stuck with
/// <paramref name="NoApproverReason"/>, for the service desk to name one. <paramref name="Fields"/> is the submitted
/// form as a JSON object.
/// </summary>
public sealed record NewTicket(
    TicketKind Kind,
    string Title,
    string RequesterId,
    TicketImpact Impact = TicketImpact.Medium,
    TicketUrgency Urgency = TicketUrgency.Medium,
    string? Description = null,
    string? CatalogItemId = null,
    string Fields = "{}",
    string? AssignmentGroup = null,
    string? ApproverId = null,
    bool NeedsApproval = false,
    string? NoApproverReason = null);

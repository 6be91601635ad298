using System.Text.Json;

namespace HelpdeskBot.Tickets;

/// <summary>
/// The body of <c>POST /api/tickets</c>. Kind, impact and urgency are names ("incident", "High"); <see cref="Fields"/>
/// must be a JSON object when given. Lengths and the rest are checked by <see cref="TicketService"/>.
/// </summary>
public sealed record NewTicketRequest(
    string? Kind, string? Title, string? RequesterId, string? Impact, string? Urgency, string? Description = null,
    string? CatalogItemId = null, string? AssignmentGroup = null, string? ApproverId = null, JsonElement? Fields = null)
{
    /// <summary>The ticket to create, or null and what is wrong with the request.</summary>
    public (NewTicket? Ticket, string? Problem) ToNewTicket()
    {
        if (!TicketEnums.TryParse<TicketKind>(Kind, out var kind))
        {
            return (null, TicketEnums.Refusal<TicketKind>("kind", Kind));
        }

        if (!TicketEnums.TryParse<TicketImpact>(Impact, out var impact))
        {
            return (null, TicketEnums.Refusal<TicketImpact>("impact", Impact));
        }

        if (!TicketEnums.TryParse<TicketUrgency>(Urgency, out var urgency))
        {
            return (null, TicketEnums.Refusal<TicketUrgency>("urgency", Urgency));
        }

        if (Fields is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            return (null, "fields must be a JSON object of the form's answers, e.g. {\"system\": \"finance-share\"}.");
        }

        var fields = Fields is { ValueKind: JsonValueKind.Object } json ? json.GetRawText() : "{}";
        return (new NewTicket(kind, Title ?? "", RequesterId ?? "", impact, urgency, string.IsNullOrWhiteSpace(Description) ? null : Description, Blank(CatalogItemId),
            fields, Blank(AssignmentGroup), Blank(ApproverId)), null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

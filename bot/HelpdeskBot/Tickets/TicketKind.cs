namespace HelpdeskBot.Tickets;

/// <summary>A service request (something wanted) or an incident (something broken); the catalog calls them "request" and "incident".</summary>
public enum TicketKind
{
    Request,
    Incident,
}

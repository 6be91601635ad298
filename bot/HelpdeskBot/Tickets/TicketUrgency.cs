namespace HelpdeskBot.Tickets;

/// <summary>How soon the requester needs it (the catalog holds it as "high"/"medium"/"low").</summary>
public enum TicketUrgency
{
    High = 1,
    Medium = 2,
    Low = 3,
}

namespace HelpdeskBot.Tickets;

/// <summary>How much of the business is affected (the catalog holds it as "high"/"medium"/"low").</summary>
public enum TicketImpact
{
    High = 1,
    Medium = 2,
    Low = 3,
}

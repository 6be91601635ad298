namespace HelpdeskBot.Tickets;

/// <summary>Someone else has the ticket already: <see cref="OwnerId"/> says who.</summary>
public sealed class TicketTakenException(string number, string ownerId)
    : InvalidOperationException($"{number} is already taken.")
{
    public string OwnerId => ownerId;
}

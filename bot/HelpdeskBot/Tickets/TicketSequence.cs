namespace HelpdeskBot.Tickets;

/// <summary>
/// The next number per prefix ("REQ", "INC"), kept in the database so several instances never hand out the same one
/// (see <see cref="TicketNumbers"/>).
/// </summary>
public sealed class TicketSequence
{
    public required string Prefix { get; init; }
    public long Next { get; init; }
}

namespace HelpdeskBot.Tickets;

internal static class PriorityMatrixDefaults
{
    /// <summary>The usual ITIL 3x3 table: H/H=P1, H/M and M/H=P2, H/L, M/M and L/H=P3, the rest P4.</summary>
    public static Dictionary<string, Dictionary<string, TicketPriority>> Itil() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["High"] = Row(TicketPriority.P1, TicketPriority.P2, TicketPriority.P3),
        ["Medium"] = Row(TicketPriority.P2, TicketPriority.P3, TicketPriority.P4),
        ["Low"] = Row(TicketPriority.P3, TicketPriority.P4, TicketPriority.P4),
    };

    private static Dictionary<string, TicketPriority> Row(TicketPriority high, TicketPriority medium, TicketPriority low) =>
        new(StringComparer.OrdinalIgnoreCase) { ["High"] = high, ["Medium"] = medium, ["Low"] = low };
}

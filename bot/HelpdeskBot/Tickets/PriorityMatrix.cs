namespace HelpdeskBot.Tickets;

/// <summary>Impact x urgency to priority, from <see cref="TicketsOptions.PriorityMatrix"/> (validated complete at start).</summary>
public sealed class PriorityMatrix
{
    private readonly Dictionary<(TicketImpact, TicketUrgency), TicketPriority> _cells = [];

    public PriorityMatrix(IReadOnlyDictionary<string, Dictionary<string, TicketPriority>> table)
    {
        var problems = Problems(table);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(table));
        }

        foreach (var impact in Enum.GetValues<TicketImpact>())
        {
            foreach (var urgency in Enum.GetValues<TicketUrgency>())
            {
                _cells[(impact, urgency)] = Cell(table, impact, urgency)!.Value;
            }
        }
    }

    public TicketPriority For(TicketImpact impact, TicketUrgency urgency) => _cells[(impact, urgency)];

    /// <summary>What is wrong with a configured table: a missing cell, an unknown impact or urgency, a priority out of range.</summary>
    public static List<string> Problems(IReadOnlyDictionary<string, Dictionary<string, TicketPriority>> table)
    {
        var problems = new List<string>();
        problems.AddRange(table.Keys.Where(k => !Enum.TryParse<TicketImpact>(k, true, out _))
            .Select(k => $"Tickets:PriorityMatrix has an unknown impact '{k}' (use High, Medium or Low)."));
        problems.AddRange(table.SelectMany(row => row.Value.Keys.Where(k => !Enum.TryParse<TicketUrgency>(k, true, out _))
            .Select(k => $"Tickets:PriorityMatrix:{row.Key} has an unknown urgency '{k}' (use High, Medium or Low).")));
        foreach (var impact in Enum.GetValues<TicketImpact>())
        {
            foreach (var urgency in Enum.GetValues<TicketUrgency>())
            {
                var cell = Cell(table, impact, urgency);
                if (cell is null)
                {
                    problems.Add($"Tickets:PriorityMatrix:{impact}:{urgency} is missing (every impact x urgency cell needs a priority).");
                }
                else if (!Enum.IsDefined(cell.Value))
                {
                    problems.Add($"Tickets:PriorityMatrix:{impact}:{urgency} is {(int)cell.Value}; use P1 to P4.");
                }
            }
        }

        return problems;
    }

    private static TicketPriority? Cell(
        IReadOnlyDictionary<string, Dictionary<string, TicketPriority>> table, TicketImpact impact, TicketUrgency urgency)
    {
        var row = table.FirstOrDefault(r => string.Equals(r.Key, impact.ToString(), StringComparison.OrdinalIgnoreCase)).Value;
        var cell = row?.FirstOrDefault(c => string.Equals(c.Key, urgency.ToString(), StringComparison.OrdinalIgnoreCase));
        return cell is { Key: not null } found ? found.Value : null;
    }
}

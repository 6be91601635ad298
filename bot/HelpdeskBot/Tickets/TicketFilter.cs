using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Tickets;

/// <summary>
/// The filters of <c>GET /api/tickets</c>, all combined (AND). Enum filters take one value or several separated by
/// commas (any of them); <see cref="Text"/> matches the number or the title, any case.
/// </summary>
public sealed record TicketFilter(
    IReadOnlyList<TicketState> States,
    IReadOnlyList<TicketKind> Kinds,
    IReadOnlyList<TicketPriority> Priorities,
    IReadOnlyList<ApprovalState> Approvals,
    string? Requester = null,
    string? AssignmentGroup = null,
    string? Assignee = null,
    string? Text = null)
{
    /// <summary>The filter, or null and the problem with the first bad enum value (naming its parameter).</summary>
    public static (TicketFilter? Filter, string? Problem) Parse(
        string? state, string? kind, string? priority, string? approval, string? requester, string? assignmentGroup, string? assignee, string? q)
    {
        var (states, stateProblem) = TicketEnums.ParseList<TicketState>(state, "state");
        var (kinds, kindProblem) = TicketEnums.ParseList<TicketKind>(kind, "kind");
        var (priorities, priorityProblem) = TicketEnums.ParseList<TicketPriority>(priority, "priority");
        var (approvals, approvalProblem) = TicketEnums.ParseList<ApprovalState>(approval, "approval");
        if ((stateProblem ?? kindProblem ?? priorityProblem ?? approvalProblem) is { } problem)
        {
            return (null, problem);
        }

        return (new TicketFilter(states!, kinds!, priorities!, approvals!,
            Blank(requester), Blank(assignmentGroup), Blank(assignee), Blank(q)), null);
    }

    public IQueryable<Ticket> Apply(IQueryable<Ticket> query)
    {
        query = States.Count == 0 ? query : query.Where(t => States.Contains(t.State));
        query = Kinds.Count == 0 ? query : query.Where(t => Kinds.Contains(t.Kind));
        query = Priorities.Count == 0 ? query : query.Where(t => Priorities.Contains(t.Priority));
        query = Approvals.Count == 0 ? query : query.Where(t => Approvals.Contains(t.Approval));
        query = Requester is null ? query : query.Where(t => t.RequesterId == Requester);
        query = Assignee is null ? query : query.Where(t => t.AssigneeId == Assignee);
        if (AssignmentGroup?.ToLowerInvariant() is { } group)
        {
            query = query.Where(t => t.AssignmentGroup != null && t.AssignmentGroup.ToLower() == group);
        }

        if (Text?.ToLowerInvariant() is { } text)
        {
            var pattern = $"%{Escape(text)}%";
            query = query.Where(t => EF.Functions.Like(t.Number.ToLower(), pattern, "\\") || EF.Functions.Like(t.Title.ToLower(), pattern, "\\"));
        }

        return query;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}

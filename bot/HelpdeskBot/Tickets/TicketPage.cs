namespace HelpdeskBot.Tickets;

/// <summary>One page of <c>GET /api/tickets</c>, newest first.</summary>
public sealed record TicketPage(IReadOnlyList<TicketSummaryView> Items, int Page, int PageSize, int Total);

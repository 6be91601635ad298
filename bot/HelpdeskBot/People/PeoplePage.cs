namespace HelpdeskBot.People;

/// <summary>One page of <c>GET /api/people</c>.</summary>
public sealed record PeoplePage(IReadOnlyList<PersonView> Items, int Page, int PageSize, int Total);

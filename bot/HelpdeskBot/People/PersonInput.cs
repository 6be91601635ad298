namespace HelpdeskBot.People;

/// <summary>
/// The body of <c>PUT /api/people</c>: the person is found by email (or Entra / Teams id). An omitted field keeps
/// the stored value; an empty string clears department, location or manager.
/// </summary>
public sealed record PersonInput(
    string? Email, string? Name, string? Department, string? Location, string? ManagerEmail, string? AadObjectId, string? TeamsId,
    IReadOnlyList<string>? Roles = null)
{
    public PersonRecord ToRecord() => new(Email ?? "", Name, Department, Location, ManagerEmail, AadObjectId, TeamsId,
        Roles is null ? null : string.Join(',', Roles));
}

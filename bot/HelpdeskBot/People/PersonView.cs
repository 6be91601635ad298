namespace HelpdeskBot.People;

/// <summary>A person as the API returns them.</summary>
public sealed record PersonView(
    int Id, string Name, string? Email, string? TeamsId, string? AadObjectId, string? Department, string? Location,
    string? ManagerEmail, int? ManagerId, DateTimeOffset UpdatedAt, string Source, IReadOnlyList<string> Roles)
{
    public static PersonView From(Person p) => new(
        p.Id, p.Name, p.Email, p.TeamsId, p.AadObjectId, p.Department, p.Location, p.ManagerEmail, p.ManagerId,
        p.UpdatedAt, p.Source.ToString().ToLowerInvariant(), PersonRoles.Parse(p.Roles));
}

namespace HelpdeskBot.People;

/// <summary>
/// Someone in the directory: learnt from chat (Teams id, Entra object id, name) and from an import or the API
/// (email, department, location, manager). One row per person, whichever came first.
/// </summary>
public sealed class Person
{
    public const int MaxIdLength = 256, MaxNameLength = 256, MaxPlaceLength = 128;

    private Person() { }

    public int Id { get; private set; }

    /// <summary>The Teams user id (<c>Activity.From.Id</c>, e.g. <c>29:1abc…</c>): what tickets and approvals refer to.</summary>
    public string? TeamsId { get; private set; }

    public string? AadObjectId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Trimmed and lower case (see <see cref="PersonEmail"/>).</summary>
    public string? Email { get; private set; }

    public string? Department { get; private set; }
    public string? Location { get; private set; }
    public string? ManagerEmail { get; private set; }

    /// <summary>The manager's row while <see cref="ManagerEmail"/> names someone in the directory.</summary>
    public int? ManagerId { get; private set; }

    /// <summary>
    /// What the person may do beyond asking for help, lower case, comma-separated: <c>agent</c> (works tickets in
    /// the queues), <c>admin</c> (also sets up queues). Set only by an import or the API, never from chat.
    /// </summary>
    public string Roles { get; private set; } = "";

    public DateTimeOffset UpdatedAt { get; private set; }
    public PersonSource Source { get; private set; }

    public const int MaxRolesLength = 128;

    public bool HasRole(string role) => PersonRoles.Parse(Roles).Contains(role);

    public static Person SeenInChat(string teamsId, string? aadObjectId, string? name, DateTimeOffset now) => new()
    {
        TeamsId = teamsId,
        AadObjectId = Blank(aadObjectId),
        Name = Blank(name) ?? "",
        UpdatedAt = now,
        Source = PersonSource.Activity,
    };

    /// <summary>What chat says about the person; true when anything changed.</summary>
    /// <remarks>
    /// The name chat sends is taken only for someone the directory knows from chat alone: once an import or the API
    /// has described the person (they have an email), their name there is the one every channel shows, whatever a
    /// client calls itself (the terminal's OS user, a Web Chat display name).
    /// </remarks>
    public bool SeenInChatAgain(string teamsId, string? aadObjectId, string? name, DateTimeOffset now) =>
        Change(teamsId, Blank(aadObjectId) ?? AadObjectId, Email is not null && Name.Length > 0 ? Name : Blank(name) ?? Name,
            Email, Department, Location, ManagerEmail, PersonSource.Activity, now);

    public static Person Described(PersonRecord record, PersonSource source, DateTimeOffset now)
    {
        var person = new Person { UpdatedAt = now, Source = source };
        person.Describe(record, source, now);
        person.UpdatedAt = now;
        return person;
    }

    /// <summary>Applies an import line or API call (see <see cref="PersonRecord"/>); true when anything changed.</summary>
    public bool Describe(PersonRecord record, PersonSource source, DateTimeOffset now)
    {
        var email = PersonEmail.Normalize(record.Email);
        var name = Blank(record.Name) ?? (Name.Length > 0 ? Name : email[..email.IndexOf('@')]);
        var roles = record.Roles is null ? Roles : PersonRoles.Normalize(record.Roles);
        var rolesChanged = roles != Roles;
        Roles = roles;
        var changed = Change(
            Blank(record.TeamsId) ?? TeamsId, Blank(record.AadObjectId) ?? AadObjectId, name, email,
            Given(record.Department, Department), Given(record.Location, Location),
            record.ManagerEmail is null ? ManagerEmail : Blank(record.ManagerEmail) is { } manager ? PersonEmail.Normalize(manager) : null,
            source, now);
        if (rolesChanged && !changed)
        {
            (Source, UpdatedAt) = (source, now);
        }

        return changed || rolesChanged;
    }

    /// <summary>Takes over the chat identity of a row that turned out to be the same person (it is then deleted).</summary>
    public void Absorb(Person duplicate, DateTimeOffset now) =>
        Change(TeamsId ?? duplicate.TeamsId, AadObjectId ?? duplicate.AadObjectId, Name.Length > 0 ? Name : duplicate.Name,
            Email, Department, Location, ManagerEmail, Source, now);

    private bool Change(
        string? teamsId, string? aadObjectId, string name, string? email, string? department, string? location,
        string? managerEmail, PersonSource source, DateTimeOffset now)
    {
        if ((teamsId, aadObjectId, name, email, department, location, managerEmail) ==
            (TeamsId, AadObjectId, Name, Email, Department, Location, ManagerEmail))
        {
            return false;
        }

        (TeamsId, AadObjectId, Name, Email, Department, Location, ManagerEmail) =
            (teamsId, aadObjectId, name, email, department, location, managerEmail);
        if (managerEmail is null)
        {
            ManagerId = null;
        }

        Source = source;
        UpdatedAt = now;
        return true;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Given(string? value, string? stored) => value is null ? stored : Blank(value);
}

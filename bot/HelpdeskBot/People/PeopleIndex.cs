namespace HelpdeskBot.People;

/// <summary>
/// Tracked people by email, Entra object id and Teams id, kept current while a batch is applied, so each line of an
/// import sees the lines before it. Decides which row a description is about, and which rows are one person.
/// </summary>
public sealed class PeopleIndex
{
    private readonly Dictionary<string, Person> _byEmail = [];
    private readonly Dictionary<string, Person> _byAad = [];
    private readonly Dictionary<string, Person> _byTeams = [];

    public PeopleIndex(IEnumerable<Person> people)
    {
        foreach (var person in people)
        {
            Add(person);
        }
    }

    public void Add(Person person)
    {
        if (person.Email is { } email) _byEmail[email] = person;
        if (person.AadObjectId is { } aad) _byAad[aad] = person;
        if (person.TeamsId is { } teams) _byTeams[teams] = person;
    }

    public void Remove(Person person)
    {
        if (person.Email is { } email && _byEmail.GetValueOrDefault(email) == person) _byEmail.Remove(email);
        if (person.AadObjectId is { } aad && _byAad.GetValueOrDefault(aad) == person) _byAad.Remove(aad);
        if (person.TeamsId is { } teams && _byTeams.GetValueOrDefault(teams) == person) _byTeams.Remove(teams);
    }

    /// <summary>
    /// The row to write and the rows it absorbs (seen in chat only, no email); or why the ids given belong to
    /// different people who both have an email.
    /// </summary>
    public (Person? Target, IReadOnlyList<Person> Duplicates, string? Conflict) Match(
        string? email, string? aadObjectId, string? teamsId)
    {
        var byEmail = Find(_byEmail, email is null ? null : PersonEmail.Normalize(email));
        var byAad = Find(_byAad, aadObjectId);
        var byTeams = Find(_byTeams, teamsId);
        var target = byEmail ?? byAad ?? byTeams;
        if (target is null)
        {
            return (null, [], null);
        }

        List<Person> duplicates = [];
        foreach (var (other, what) in new[] { (byAad, $"aad_object_id '{aadObjectId}'"), (byTeams, $"teams_id '{teamsId}'") })
        {
            if (other is null || other == target || duplicates.Contains(other))
            {
                continue;
            }

            if (other.Email is not null && target.Email is not null)
            {
                return (null, [], $"{what} belongs to {other.Email}, not to {target.Email}");
            }

            duplicates.Add(other);
        }

        // A row seen only in chat is folded into the one that has the email, not the other way round.
        if (target.Email is null && duplicates.FirstOrDefault(d => d.Email is not null) is { } withEmail)
        {
            duplicates.Remove(withEmail);
            duplicates.Add(target);
            target = withEmail;
        }

        return (target, duplicates, null);
    }

    private static Person? Find(Dictionary<string, Person> index, string? key) =>
        string.IsNullOrWhiteSpace(key) ? null : index.GetValueOrDefault(key.Trim());
}

namespace HelpdeskBot.Outages;

/// <summary>
/// A service people depend on (email, vpn, sap, wifi-london…), with the words people call it by and who depends on
/// it: everyone, or departments and locations from the people directory. Explicit subscribers (and opt-outs) are
/// <see cref="ServiceSubscription"/>s; people with an open ticket on the service are affected too.
/// </summary>
public sealed class ServiceDefinition
{
    public const int MaxIdLength = 64, MaxNameLength = 100, MaxListCount = 50, MaxWordLength = 100;

    private ServiceDefinition() { }

    /// <summary>The service's id (<c>email</c>): the incident form's service value and the alerts' <c>service</c> label.</summary>
    public string Id { get; private set; } = "";

    public string Name { get; private set; } = "";
    public List<string> Aliases { get; private set; } = [];

    /// <summary>Everyone depends on it (email, Teams).</summary>
    public bool Everyone { get; private set; }

    public List<string> Departments { get; private set; } = [];
    public List<string> Locations { get; private set; } = [];
    public DateTimeOffset UpdatedAt { get; private set; }

    public static ServiceDefinition Create(ServiceSpec spec, DateTimeOffset now)
    {
        var service = new ServiceDefinition { Id = spec.Id };
        service.Apply(spec, now);
        return service;
    }

    /// <summary>Takes the spec's values; false when nothing changed.</summary>
    public bool Apply(ServiceSpec spec, DateTimeOffset now)
    {
        if (Name == spec.Name && Everyone == spec.Everyone && Aliases.SequenceEqual(spec.Aliases)
            && Departments.SequenceEqual(spec.Departments) && Locations.SequenceEqual(spec.Locations))
        {
            return false;
        }

        (Name, Everyone, Aliases, Departments, Locations, UpdatedAt) = (spec.Name, spec.Everyone, [.. spec.Aliases], [.. spec.Departments], [.. spec.Locations], now);
        return true;
    }
}

/// <summary>A service as the map file and the REST API give it.</summary>
public sealed record ServiceSpec(
    string Id, string Name, IReadOnlyList<string> Aliases, bool Everyone, IReadOnlyList<string> Departments, IReadOnlyList<string> Locations)
{
    /// <summary>The problems with this spec, each a sentence naming the field; none when it can be saved.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!ServiceIds.IsValid(Id))
        {
            problems.Add($"id: use 1 to {ServiceDefinition.MaxIdLength} lowercase letters, digits and dashes (like wifi-london).");
        }

        if (string.IsNullOrWhiteSpace(Name) || Name.Length > ServiceDefinition.MaxNameLength)
        {
            problems.Add($"name: required, at most {ServiceDefinition.MaxNameLength} characters.");
        }

        foreach (var (field, list) in new[] { ("aliases", Aliases), ("departments", Departments), ("locations", Locations) })
        {
            if (list.Count > ServiceDefinition.MaxListCount || list.Any(w => string.IsNullOrWhiteSpace(w) || w.Length > ServiceDefinition.MaxWordLength))
            {
                problems.Add($"{field}: at most {ServiceDefinition.MaxListCount} entries, each 1 to {ServiceDefinition.MaxWordLength} characters.");
            }
        }

        return problems;
    }

    /// <summary>Trimmed, with empty and repeated entries gone (case-insensitively).</summary>
    public ServiceSpec Normalized() => this with
    {
        Id = Id.Trim().ToLowerInvariant(),
        Name = Name.Trim(),
        Aliases = Clean(Aliases),
        Departments = Clean(Departments),
        Locations = Clean(Locations),
    };

    private static List<string> Clean(IReadOnlyList<string> words) =>
        [.. words.Select(w => w.Trim()).Where(w => w.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
}

public static class ServiceIds
{
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= ServiceDefinition.MaxIdLength } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}

/// <summary>A person's choice about a service's notices: subscribed, or opted out of one they would get anyway.</summary>
public sealed class ServiceSubscription
{
    private ServiceSubscription() { }

    public int Id { get; private set; }
    public string ServiceId { get; private set; } = "";
    public int PersonId { get; private set; }
    public bool Subscribed { get; private set; }
    public DateTimeOffset At { get; private set; }

    public static ServiceSubscription Create(string serviceId, int personId, bool subscribed, DateTimeOffset now) =>
        new() { ServiceId = serviceId, PersonId = personId, Subscribed = subscribed, At = now };

    public void Set(bool subscribed, DateTimeOffset now) => (Subscribed, At) = (subscribed, now);
}

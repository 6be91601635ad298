namespace HelpdeskBot.People;

/// <summary>The roles the people directory knows: <see cref="Agent"/> and <see cref="Admin"/> (an admin is an agent too).</summary>
public static class PersonRoles
{
    public const string Agent = "agent";
    public const string Admin = "admin";

    public static readonly string[] Known = [Agent, Admin];

    private static readonly char[] Separators = [',', ';', ' ', '|'];

    public static IReadOnlyList<string> Parse(string? roles) =>
        [.. (roles ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant()).Distinct()];

    /// <summary>Known roles, sorted and comma-separated; unknown ones are refused by <see cref="Problem"/>.</summary>
    public static string Normalize(string roles) => string.Join(',', Parse(roles).Where(Known.Contains).Order());

    public static string? Problem(string roles) =>
        Parse(roles).FirstOrDefault(r => !Known.Contains(r)) is { } unknown
            ? $"roles: '{unknown}' is not a role (known: {string.Join(", ", Known)})"
            : null;
}

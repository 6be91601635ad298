using System.Collections.Concurrent;

namespace HelpdeskBot.People;

/// <summary>
/// What chat last said about each Teams user, so the directory is read and written only when a user's name or ids
/// change, not on every message. Lost at restart, which costs one read per user.
/// </summary>
public sealed class RecentPeopleWrites
{
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, (string? AadObjectId, string? Name)> _seen = new(StringComparer.Ordinal);

    public bool IsUnchanged(string teamsId, string? aadObjectId, string? name) =>
        _seen.TryGetValue(teamsId, out var last) && last == (aadObjectId, name);

    public void Written(string teamsId, string? aadObjectId, string? name)
    {
        if (_seen.Count >= MaxEntries)
        {
            _seen.Clear(); // a bound on memory; the next activity of each user costs a read again
        }

        _seen[teamsId] = (aadObjectId, name);
    }
}

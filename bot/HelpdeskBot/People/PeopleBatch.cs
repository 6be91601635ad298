using HelpdeskBot.Storage;

namespace HelpdeskBot.People;

/// <summary>One import (or API write) in progress: applies lines to tracked rows and counts what happened.</summary>
internal sealed class PeopleBatch(HelpdeskDbContext db, PeopleIndex index, PersonSource source, DateTimeOffset now)
{
    private readonly Dictionary<string, int> _emailLines = [];
    private readonly Dictionary<string, int> _idLines = [];
    private readonly List<PeopleImportError> _errors = [];
    private int _added, _updated, _unchanged;

    public PeopleImportReport Report => new(_added, _updated, _unchanged, _errors);

    public async Task ApplyAsync(int line, PersonRecord record, CancellationToken cancellationToken)
    {
        if (Problem(line, record) is { } problem)
        {
            _errors.Add(new(line, problem));
            return;
        }

        var (target, duplicates, conflict) = index.Match(record.Email, record.AadObjectId, record.TeamsId);
        if (conflict is not null)
        {
            _errors.Add(new(line, conflict));
            return;
        }

        if (duplicates.Count > 0)
        {
            // Deleted in a write of their own, so their unique ids are free for the row that absorbs them.
            foreach (var duplicate in duplicates) index.Remove(duplicate);
            db.People.RemoveRange(duplicates);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (target is null)
        {
            target = Person.Described(record, source, now);
            db.People.Add(target);
            _added++;
        }
        else
        {
            index.Remove(target);
            foreach (var duplicate in duplicates) target.Absorb(duplicate, now);
            if (target.Describe(record, source, now) | duplicates.Count > 0) _updated++;
            else _unchanged++;
        }

        index.Add(target);
    }

    /// <summary>The record's own problems, and ids used by an earlier line of the same batch.</summary>
    private string? Problem(int line, PersonRecord record)
    {
        if (record.Problems().FirstOrDefault() is { } problem)
        {
            return problem;
        }

        var email = PersonEmail.Normalize(record.Email);
        if (!_emailLines.TryAdd(email, line))
        {
            return $"the email {email} is also on line {_emailLines[email]}";
        }

        foreach (var (column, id) in new[] { ("aad_object_id", record.AadObjectId), ("teams_id", record.TeamsId) })
        {
            if (!string.IsNullOrWhiteSpace(id) && !_idLines.TryAdd($"{column}:{id.Trim()}", line))
            {
                return $"{column} '{id.Trim()}' is also on line {_idLines[$"{column}:{id.Trim()}"]}";
            }
        }

        return null;
    }
}

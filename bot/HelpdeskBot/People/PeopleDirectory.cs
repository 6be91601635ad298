using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HelpdeskBot.People;

/// <summary>The people directory: filled from chat activity, imports and the API; read by approvals.</summary>
public sealed class PeopleDirectory(HelpdeskDbContext db, RecentPeopleWrites recent, TimeProvider time, ILogger<PeopleDirectory> logger)
{
    private static readonly ValueConverter<DateTimeOffset, long> Timestamp = new DateTimeOffsetToBinaryConverter();

    public Task<Person?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<Person?> FindByTeamsIdAsync(string teamsId, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().SingleOrDefaultAsync(p => p.TeamsId == teamsId, cancellationToken);

    /// <summary>The name to show for a Teams id, or <paramref name="fallback"/> for someone without one in the directory.</summary>
    public async Task<string> NameOfAsync(string teamsId, string fallback, CancellationToken cancellationToken) =>
        await db.People.AsNoTracking().Where(p => p.TeamsId == teamsId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            is { Length: > 0 } name ? name : fallback;

    public Task<Person?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = PersonEmail.Normalize(email);
        return db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Email == normalized, cancellationToken);
    }

    /// <summary>The manager, by the email the person's record names; see <see cref="ManagerLookup.Problem"/> when there is none to ask.</summary>
    public async Task<ManagerLookup> ManagerOfAsync(Person person, CancellationToken cancellationToken)
    {
        var manager = person.ManagerEmail is { } email
            ? await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Email == email, cancellationToken)
            : null;
        return ManagerLookup.For(person, manager);
    }

    /// <summary>
    /// Records who sent an activity (<c>from</c>): a new person, or a changed name or Entra id. Costs nothing when
    /// chat says what it said last time. Only a <see cref="ChatIdentityTrust.Vouched"/> activity may move a Teams id or
    /// Entra id already bound to someone; any other attempt is refused and logged. True when the directory learnt this
    /// Teams id just now (a new person, or someone described by an import or the API first seen in chat): what
    /// approvals waiting for them listen for.
    /// </summary>
    public async Task<bool> UpsertFromActivityAsync(ChannelAccount? from, ChatIdentityTrust trust, CancellationToken cancellationToken)
    {
        if (trust == ChatIdentityTrust.None || from?.Id is not { Length: > 0 and <= Person.MaxIdLength } teamsId || from.Role == "bot")
        {
            return false;
        }

        var aad = Trimmed(from.AadObjectId, Person.MaxIdLength);
        var name = Trimmed(from.Name, Person.MaxNameLength);
        if (recent.IsUnchanged(teamsId, aad, name))
        {
            return false;
        }

        // Teams delivers an install's conversationUpdate and installationUpdate at once: when both try to add the
        // same new person one insert wins and the other, on its second try, finds the row.
        var (done, learnt) = await TryRecordAsync(teamsId, aad, name, trust, cancellationToken);
        if (!done)
        {
            (_, learnt) = await TryRecordAsync(teamsId, aad, name, trust, cancellationToken);
        }

        recent.Written(teamsId, aad, name);
        return learnt;
    }

    private async Task<(bool Done, bool Learnt)> TryRecordAsync(
        string teamsId, string? aad, string? name, ChatIdentityTrust trust, CancellationToken cancellationToken)
    {
        var candidates = await db.People
            .Where(p => p.TeamsId == teamsId || (aad != null && p.AadObjectId == aad))
            .ToListAsync(cancellationToken);
        var (target, duplicates, conflict) = new PeopleIndex(candidates).Match(null, aad, teamsId);
        if (conflict is not null)
        {
            logger.LogWarning("Teams user {TeamsId} not recorded in the directory: {Conflict}", teamsId, conflict);
            return (true, false);
        }

        var now = time.GetUtcNow();
        if (target is null)
        {
            var inserted = await InsertAsync(Person.SeenInChat(teamsId, aad, name, now), cancellationToken);
            return (inserted, inserted);
        }

        if (MovedBinding(target, duplicates, teamsId, aad) is { } moved)
        {
            if (trust != ChatIdentityTrust.Vouched)
            {
                logger.LogWarning(
                    "Refused to rebind person {PersonId}: an unvouched activity from {TeamsId} with Entra id {AadObjectId} would move their {Binding}",
                    target.Id, teamsId, aad, moved);
                return (true, false);
            }

            logger.LogInformation("Person {PersonId}'s {Binding} moved to {TeamsId} by an authenticated Teams activity", target.Id, moved, teamsId);
        }

        if (duplicates.Count > 0)
        {
            // Deleted first, in a write of their own, so their unique ids are free for the row that absorbs them.
            db.People.RemoveRange(duplicates);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var duplicate in duplicates) target.Absorb(duplicate, now);
        }

        var learnt = target.TeamsId != teamsId;
        target.SeenInChatAgain(teamsId, aad, name, now);
        await db.SaveChangesAsync(cancellationToken);
        return (true, learnt);
    }

    // Which existing binding recording these ids would replace with another id, if any.
    private static string? MovedBinding(Person target, IReadOnlyList<Person> duplicates, string teamsId, string? aad)
    {
        var boundTeams = target.TeamsId ?? duplicates.Select(d => d.TeamsId).FirstOrDefault(t => t is not null);
        var boundAad = target.AadObjectId ?? duplicates.Select(d => d.AadObjectId).FirstOrDefault(a => a is not null);
        return boundTeams is not null && boundTeams != teamsId ? "Teams id"
            : aad is not null && boundAad is not null && boundAad != aad ? "Entra id"
            : null;
    }

    /// <summary>Adds a person first seen in chat unless a concurrent turn just did (false then).</summary>
    private async Task<bool> InsertAsync(Person person, CancellationToken cancellationToken)
    {
        var updatedAt = (long)Timestamp.ConvertToProvider(person.UpdatedAt)!;
        var source = person.Source.ToString().ToLowerInvariant();
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "People" ("TeamsId", "AadObjectId", "Name", "Roles", "UpdatedAt", "Source")
            VALUES ({person.TeamsId}, {person.AadObjectId}, {person.Name}, {person.Roles}, {updatedAt}, {source})
            ON CONFLICT DO NOTHING
            """,
            cancellationToken);
        if (inserted == 1)
        {
            logger.LogInformation("Teams user {TeamsId} added to the directory", person.TeamsId);
        }

        return inserted == 1;
    }

    /// <summary>Adds or updates one person by email (the API's PUT).</summary>
    public async Task<(PersonWriteOutcome Outcome, Person? Person, string? Problem)> SaveAsync(
        PersonRecord record, PersonSource source, CancellationToken cancellationToken)
    {
        var email = PersonEmail.Normalize(record.Email);
        var (aad, teams) = (record.AadObjectId?.Trim(), record.TeamsId?.Trim());
        var report = await WriteAsync(
            [(0, record)], source,
            db.People.Where(p => p.Email == email || (aad != null && p.AadObjectId == aad) || (teams != null && p.TeamsId == teams)),
            cancellationToken);
        if (report.Errors is [var error])
        {
            return (PersonWriteOutcome.Refused, null, error.Message);
        }

        var outcome = report.Added == 1 ? PersonWriteOutcome.Added : report.Updated == 1 ? PersonWriteOutcome.Updated : PersonWriteOutcome.Unchanged;
        return (outcome, await FindByEmailAsync(record.Email, cancellationToken), null);
    }

    /// <summary>
    /// Applies described people in one transaction, line by line (a bad line is reported and skipped), then points
    /// everyone at their manager's row.
    /// </summary>
    public Task<PeopleImportReport> ImportAsync(
        IReadOnlyList<(int Line, PersonRecord Record)> lines, PersonSource source, CancellationToken cancellationToken) =>
        WriteAsync(lines, source, db.People, cancellationToken);

    private async Task<PeopleImportReport> WriteAsync(
        IReadOnlyList<(int Line, PersonRecord Record)> lines, PersonSource source, IQueryable<Person> affected,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two imports at once (instances starting together, two uploads) would both add the same new people: the second
        // waits here, then reads the first one's rows and updates them.
        await db.Database.HoldForTransactionAsync(DatabaseLocks.People, cancellationToken);
        var index = new PeopleIndex(await affected.ToListAsync(cancellationToken));
        var batch = new PeopleBatch(db, index, source, time.GetUtcNow());
        foreach (var (line, record) in lines)
        {
            await batch.ApplyAsync(line, record, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await ResolveManagersAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogDebug("People {Source} import: {Report}", source, batch.Report); // each caller logs its own summary
        return batch.Report;
    }

    private Task ResolveManagersAsync(CancellationToken cancellationToken) =>
        db.People.ExecuteUpdateAsync(s => s.SetProperty(
            p => p.ManagerId,
            p => db.People.Where(m => p.ManagerEmail != null && m.Email == p.ManagerEmail && m.Id != p.Id)
                .Select(m => (int?)m.Id).FirstOrDefault()), cancellationToken);

    // What chat says is taken as far as it can be stored: a NUL (which the database would cut the text at) is dropped.
    private static string? Trimmed(string? value, int max) =>
        string.IsNullOrWhiteSpace(value = value?.Replace("\0", "", StringComparison.Ordinal)) ? null
        : value.Trim() is var t && t.Length > max ? t[..max] : t;
}

using System.Text.Json;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Outages;

/// <summary>The service map file's shape: <c>{"services": [{"id", "name", "aliases", "everyone", "departments", "locations"}]}</c>.</summary>
public sealed record ServiceMapFile(List<ServiceMapEntry>? Services);

public sealed record ServiceMapEntry(string? Id, string? Name, List<string>? Aliases, bool Everyone, List<string>? Departments, List<string>? Locations)
{
    public ServiceSpec ToSpec() => new ServiceSpec(Id ?? "", Name ?? "", Aliases ?? [], Everyone, Departments ?? [], Locations ?? []).Normalized();
}

/// <summary>
/// The service map in the database: imported from <see cref="OutagesOptions.ServicesPath"/> at start (added and updated;
/// a service added through the API stays), and changed through <c>/api/services</c>.
/// </summary>
public sealed class ServiceMap(HelpdeskDbContext db, IMemoryCache cache, TimeProvider time)
{
    public enum Outcome { Added, Updated, Unchanged, Invalid }

    /// <summary>Saves the spec (new or changed); the problems when it is not valid.</summary>
    public Task<(ServiceDefinition? Service, Outcome Outcome, IReadOnlyList<string> Problems)> SaveAsync(ServiceSpec spec, CancellationToken cancellationToken) =>
        SaveAsync(spec, cancellationToken, retried: false);

    private async Task<(ServiceDefinition? Service, Outcome Outcome, IReadOnlyList<string> Problems)> SaveAsync(ServiceSpec spec, CancellationToken cancellationToken, bool retried)
    {
        spec = spec.Normalized();
        if (spec.Problems() is { Count: > 0 } problems)
        {
            return (null, Outcome.Invalid, problems);
        }

        var existing = await db.Set<ServiceDefinition>().SingleOrDefaultAsync(s => s.Id == spec.Id, cancellationToken);
        var outcome = Outcome.Updated;
        if (existing is null)
        {
            existing = ServiceDefinition.Create(spec, time.GetUtcNow());
            db.Add(existing);
            outcome = Outcome.Added;
        }
        else if (!existing.Apply(spec, time.GetUtcNow()))
        {
            return (existing, Outcome.Unchanged, []);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (outcome == Outcome.Added && !retried)
        {
            // Someone added it meanwhile (another instance importing the map at start, a second PUT): update theirs.
            db.ChangeTracker.Clear();
            return await SaveAsync(spec, cancellationToken, retried: true);
        }

        ServiceMatcher.Forget(cache);
        return (existing, outcome, []);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var deleted = await db.Set<ServiceDefinition>().Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
        ServiceMatcher.Forget(cache);
        return deleted;
    }

    /// <summary>Imports a map file; (added, updated, unchanged, problems).</summary>
    public async Task<(int Added, int Updated, int Unchanged, List<string> Problems)> ImportAsync(string path, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        ServiceMapFile? file;
        try
        {
            await using var stream = File.OpenRead(path);
            file = await JsonSerializer.DeserializeAsync<ServiceMapFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web), cancellationToken);
        }
        catch (JsonException e)
        {
            return (0, 0, 0, [$"{path}: not a service map ({e.Message})"]);
        }

        int added = 0, updated = 0, unchanged = 0;
        foreach (var (entry, i) in (file?.Services ?? []).Select((e, i) => (e, i)))
        {
            var (_, outcome, wrong) = await SaveAsync(entry.ToSpec(), cancellationToken);
            problems.AddRange(wrong.Select(p => $"services[{i}] ({entry.Id}): {p}"));
            added += outcome == Outcome.Added ? 1 : 0;
            updated += outcome == Outcome.Updated ? 1 : 0;
            unchanged += outcome == Outcome.Unchanged ? 1 : 0;
        }

        return (added, updated, unchanged, problems);
    }
}

/// <summary>Imports the service map file at start (after the database is ready).</summary>
public sealed class ServiceMapStartup(IServiceScopeFactory scopes, IOptions<OutagesOptions> options, ILogger<ServiceMapStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.ServicesPath;
        path = Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
        if (!File.Exists(path))
        {
            logger.LogWarning("No service map at {Path}: outages can only name services added through /api/services", path);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var (added, updated, unchanged, problems) = await scope.ServiceProvider.GetRequiredService<ServiceMap>().ImportAsync(path, cancellationToken);
        foreach (var problem in problems)
        {
            logger.LogWarning("Service map: {Problem}", problem);
        }

        logger.LogInformation("Service map {Path}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Problems} with errors", path, added, updated, unchanged, problems.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

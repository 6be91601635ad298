using HelpdeskBot.Knowledge;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpdeskBot.Observability;

/// <summary>
/// Ready when the search index is open and has caught up with the database after start (<see cref="KnowledgeStartup.IndexReady"/>).
/// A few changes behind later is degraded, not down: the index still answers, and the next question catches up.
/// </summary>
public sealed class KnowledgeIndexHealthCheck(KnowledgeStartup startup, KnowledgeIndex index, KnowledgeDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!startup.IndexReady.IsCompleted)
        {
            return HealthCheckResult.Unhealthy("The search index is being brought up to the database.");
        }

        var (articles, sections) = index.Counts(); // throws when the index cannot be read
        var database = await KnowledgeChanges.GenerationAsync(db, cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["articles"] = articles, ["sections"] = sections, ["generation"] = index.Generation, ["databaseGeneration"] = database,
        };
        return index.Generation == 0 && database > 0
            ? HealthCheckResult.Unhealthy("The search index holds none of the database's articles yet.", data: data)
            : index.Generation < database
                ? HealthCheckResult.Degraded($"The search index is {database - index.Generation} changes behind the database.", data: data)
                : HealthCheckResult.Healthy($"{articles} articles searchable.", data);
    }
}

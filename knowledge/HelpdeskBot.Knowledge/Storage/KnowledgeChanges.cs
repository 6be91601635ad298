using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HelpdeskBot.Knowledge.Storage;

/// <summary>
/// The log of what changed search's view of the knowledge base: each publish, retire or delete of an article adds a
/// row with the next generation, in the change's own transaction. Each search index (one per bot instance) applies
/// the rows past the generation it holds (<see cref="Search.KnowledgeIndex.CatchUpAsync"/>).
/// </summary>
public static class KnowledgeChanges
{
    /// <summary>Records that <paramref name="articleId"/> changed; call inside the change's transaction.</summary>
    public static Task RecordAsync(KnowledgeDbContext db, string articleId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE "KnowledgeIndexState" SET "Generation" = "Generation" + 1;
            INSERT INTO "KnowledgeIndexChanges" ("Generation", "ArticleId") SELECT "Generation", {articleId} FROM "KnowledgeIndexState";
            """, cancellationToken);

    /// <summary>
    /// Records that each of <paramref name="articleIds"/> changed, in that order (each its own generation, as one
    /// <see cref="RecordAsync(KnowledgeDbContext, string, CancellationToken)"/> each would); call inside the changes' transaction.
    /// </summary>
    public static async Task RecordAsync(KnowledgeDbContext db, IReadOnlyList<string> articleIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in articleIds.Chunk(200))
        {
            // (VALUES (1, {0}), (2, {1}), ...): the ids numbered in order, added to the current generation.
            var rows = string.Join(", ", chunk.Select((_, i) => $"({i + 1}, {{{i}}})"));
            var sql = $"""
                INSERT INTO "KnowledgeIndexChanges" ("Generation", "ArticleId")
                    SELECT s."Generation" + v.column1, v.column2 FROM "KnowledgeIndexState" s, (VALUES {rows}) v;
                UPDATE "KnowledgeIndexState" SET "Generation" = "Generation" + {chunk.Length};
                """; // numbers and placeholders only: the ids are parameters
            await db.Database.ExecuteSqlRawAsync(sql, chunk.Cast<object>(), cancellationToken);
        }
    }

    /// <summary>
    /// The generation of the latest change. Every search asks (another instance may have changed the base), so it is
    /// one plain command on the context's connection, without EF Core's query pipeline.
    /// </summary>
    public static async Task<long> GenerationAsync(KnowledgeDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var open = connection.State == System.Data.ConnectionState.Open;
        if (!open) await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Generation\" FROM \"KnowledgeIndexState\"";
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull
                ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
                : throw new InvalidOperationException("The knowledge index state has no row: the database is not migrated.");
        }
        finally
        {
            if (!open) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The articles changed after <paramref name="generation"/>.</summary>
    public static async Task<IReadOnlyList<string>> ArticlesChangedSinceAsync(KnowledgeDbContext db, long generation, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<string>($"SELECT DISTINCT \"ArticleId\" AS \"Value\" FROM \"KnowledgeIndexChanges\" WHERE \"Generation\" > {generation}")
            .ToListAsync(cancellationToken);
}

using Microsoft.EntityFrameworkCore;

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

    /// <summary>The generation of the latest change.</summary>
    public static Task<long> GenerationAsync(KnowledgeDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<long>($"SELECT \"Generation\" AS \"Value\" FROM \"KnowledgeIndexState\"").SingleAsync(cancellationToken);

    /// <summary>The articles changed after <paramref name="generation"/>.</summary>
    public static async Task<IReadOnlyList<string>> ArticlesChangedSinceAsync(KnowledgeDbContext db, long generation, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<string>($"SELECT DISTINCT \"ArticleId\" AS \"Value\" FROM \"KnowledgeIndexChanges\" WHERE \"Generation\" > {generation}")
            .ToListAsync(cancellationToken);
}

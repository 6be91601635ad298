using System.Data.Common;
using HelpdeskBot.Knowledge.Articles;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// The FTS5 index of published articles, one row per section: <c>KnowledgeSectionContent</c> holds the text, and
/// triggers keep two FTS5 tables over it current: <c>KnowledgeSections</c> (porter stems, for ranking) and
/// <c>KnowledgeWords</c> (plain words, whose vocabulary corrects typos). Both index <c>Body</c>, the plain text; the
/// answer shows <c>Display</c>, the same text with its list numbers (<see cref="ArticleSection.DisplayText"/>).
/// Changes run in the caller's transaction.
/// </summary>
public sealed class KnowledgeIndex(KnowledgeDbContext db)
{
    /// <summary>Puts an article's published version in the index, replacing what was there.</summary>
    public async Task ReplaceAsync(ArticleVersion version, CancellationToken cancellationToken)
    {
        await RemoveAsync(version.ArticleId, cancellationToken);
        var connection = await OpenAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO KnowledgeSectionContent (ArticleId, Ordinal, Title, Tags, Heading, Body, Display)
            VALUES ($article, $ordinal, $title, $tags, $heading, $body, $display)
            """;
        var parameters = new[] { "$article", "$ordinal", "$title", "$tags", "$heading", "$body", "$display" }
            .Select(name => { var p = insert.CreateParameter(); p.ParameterName = name; insert.Parameters.Add(p); return p; })
            .ToArray();
        insert.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var section in ArticleSection.Split(version.Title, version.Body))
        {
            parameters[0].Value = version.ArticleId;
            parameters[1].Value = section.Ordinal;
            parameters[2].Value = version.Title;
            parameters[3].Value = string.Join(' ', version.TagList);
            parameters[4].Value = section.Heading;
            parameters[5].Value = section.PlainText;
            parameters[6].Value = section.DisplayText;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await BumpGenerationAsync(cancellationToken);
    }

    /// <summary>Takes an article out of the index (retired, or replaced).</summary>
    public async Task RemoveAsync(string articleId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"DELETE FROM KnowledgeSectionContent WHERE ArticleId = {articleId}", cancellationToken);
        await BumpGenerationAsync(cancellationToken);
    }

    /// <summary>
    /// The SQL for a section's text as people read it: its display text, or its plain text where a row has none (written
    /// by an older version, until <see cref="Authoring.KnowledgeBase.ReindexOutdatedAsync"/> has run).
    /// </summary>
    internal const string DisplayText = "CASE WHEN Display = '' THEN Body ELSE Display END";

    /// <summary>
    /// The articles indexed before the index kept display text (<c>Display</c> empty where <c>Body</c> is not):
    /// <see cref="Authoring.KnowledgeBase.ReindexOutdatedAsync"/> indexes them again.
    /// </summary>
    public async Task<IReadOnlyList<string>> OutdatedArticleIdsAsync(CancellationToken cancellationToken) =>
        await db.Database
            .SqlQuery<string>($"SELECT DISTINCT ArticleId AS Value FROM KnowledgeSectionContent WHERE Display = '' AND Body <> ''")
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The full text of the hits' sections as people read it (the plain text where a row predates display text), in
    /// the hits' order, for answers composed from them. A section gone since the search (article retired meanwhile)
    /// gives its snippet.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReadSectionTextsAsync(IEnumerable<KnowledgeHit> hits, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        foreach (var hit in hits)
        {
            var body = await db.Database
                .SqlQueryRaw<string>($"SELECT {DisplayText} AS Value FROM KnowledgeSectionContent WHERE ArticleId = {{0}} AND Ordinal = {{1}}",
                    hit.ArticleId, hit.SectionOrdinal)
                .SingleOrDefaultAsync(cancellationToken); // one row per (article, ordinal)
            texts.Add(body ?? hit.Snippet);
        }

        return texts;
    }

    /// <summary>
    /// Merges each FTS5 table's segments into one. Every write adds segments that FTS5 merges only gradually, so
    /// after a bulk change (an import, indexing everything again) a query reads many b-trees per term: at 10,000
    /// articles indexed again, p99 went from 17.6 ms (merged) to 24 ms. Seconds at 10,000 articles; the content,
    /// and so the vocabulary, does not change.
    /// </summary>
    public async Task OptimizeAsync(CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO KnowledgeSections (KnowledgeSections) VALUES ('optimize'); INSERT INTO KnowledgeWords (KnowledgeWords) VALUES ('optimize');",
            cancellationToken);
    }

    private Task BumpGenerationAsync(CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("UPDATE KnowledgeIndexState SET Generation = Generation + 1", cancellationToken);

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        return connection;
    }
}

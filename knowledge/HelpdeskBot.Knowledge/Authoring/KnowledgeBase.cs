using HelpdeskBot.Knowledge.Articles;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HelpdeskBot.Knowledge.Authoring;

/// <summary>
/// What authors do to articles: save a version, publish, retire, import a folder. Every change that affects search
/// records itself in <see cref="KnowledgeChanges"/> in the same transaction and, once committed, is applied to the
/// search index before the call returns (<see cref="KnowledgeIndex.CatchUpAsync"/>), so it takes effect at once: the
/// author's request pays for that, not the next employee's question.
/// </summary>
public sealed class KnowledgeBase(KnowledgeDbContext db, KnowledgeIndex index, TimeProvider time, ILogger<KnowledgeBase> logger)
{
    public Task<Article?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Articles.Include(a => a.Versions).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>Saves a version (a draft until published); false when nothing changed.</summary>
    public async Task<(Article Article, bool Changed)> SaveAsync(ArticleDocument document, string author, CancellationToken cancellationToken)
    {
        var article = await FindAsync(document.Id, cancellationToken);
        if (article is null)
        {
            article = Article.Create(document, author, time.GetUtcNow());
            db.Articles.Add(article);
            await db.SaveChangesAsync(cancellationToken);
            return (article, true);
        }

        var changed = article.AddVersion(document, author, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return (article, changed);
    }

    public Task<Article> PublishAsync(string id, CancellationToken cancellationToken) =>
        PublishAsync(id, LogLevel.Information, cancellationToken);

    // An import logs one summary line; each article it publishes is a detail (Debug).
    private async Task<Article> PublishAsync(string id, LogLevel logLevel, CancellationToken cancellationToken)
    {
        var article = await FindAsync(id, cancellationToken) ?? throw new KeyNotFoundException($"No article '{id}'.");
        await InTransactionAsync(async () =>
        {
            article.Publish(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await KnowledgeChanges.RecordAsync(db, id, cancellationToken);
        }, cancellationToken);
        logger.Log(logLevel, "Published article {ArticleId} version {Version}", id, article.PublishedVersion);
        await CatchUpAsync(cancellationToken);
        return article;
    }

    public async Task<Article> RetireAsync(string id, CancellationToken cancellationToken)
    {
        var article = await FindAsync(id, cancellationToken) ?? throw new KeyNotFoundException($"No article '{id}'.");
        await InTransactionAsync(async () =>
        {
            article.Retire(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await KnowledgeChanges.RecordAsync(db, id, cancellationToken);
        }, cancellationToken);
        logger.LogInformation("Retired article {ArticleId}", id);
        await CatchUpAsync(cancellationToken);
        return article;
    }

    /// <summary>Removes an article and all its versions; false when there is none. A published article is retired first.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var article = await FindAsync(id, cancellationToken);
        if (article is null)
        {
            return false;
        }

        article.EnsureDeletable();
        db.Articles.Remove(article);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Deleted article {ArticleId} and its {Count} versions", id, article.Versions.Count);
        return true;
    }

    /// <summary>
    /// Publishes every <c>*.md</c> file of a folder and its subfolders (docs as code): new articles and changed ones
    /// become a new published version, unchanged ones are left alone. A bad file is reported (by its path in the
    /// folder) and skipped; the rest carries on. The id is the file name, so two files of one name are an error.
    /// Articles are saved and published <see cref="ImportBatchSize"/> at a time: one read of the batch's articles,
    /// one save and one commit (one disk flush), where one per article made large imports slow. Should the import
    /// fail, at most the current batch is rolled back; a re-run skips what is already there. The search index takes the whole import at its end, in one commit (an import that
    /// changed nothing leaves it alone).
    /// </summary>
    public async Task<ImportReport> ImportFolderAsync(string folder, string author, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No folder '{folder}' to import.");
        }

        var report = new ImportReport();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories)
            .Select(file => (Path: file, Name: Path.GetRelativePath(folder, file)))
            .OrderBy(file => file.Name, StringComparer.Ordinal);
        foreach (var batch in files.Chunk(ImportBatchSize))
        {
            var parsed = ParseAll(batch);
            var documents = parsed.Select(file => Accept(file, seen, report)).OfType<ArticleDocument>().ToList();
            if (documents.Count == 0)
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ImportAsync(documents, author, report, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear(); // keep a large import's memory flat
        }

        if (report.Added + report.Updated > 0)
        {
            await CatchUpAsync(cancellationToken);
        }

        return report;
    }

    // After the commit (inside a caller's transaction, such as an import's batch, the caller catches up at its end).
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            await index.CatchUpAsync(db, cancellationToken);
        }
    }

    public const int ImportBatchSize = 100;

    // The files' articles, or why each is bad, in order; read and parsed on several threads. A file that cannot be
    // read at all fails the import with its own exception, as it would on one thread.
    private static List<(string Name, ArticleDocument? Document, ArticleFormatException? Problem)> ParseAll((string Path, string Name)[] files)
    {
        try
        {
            return files.AsParallel().AsOrdered().Select(Parse).ToList();
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
            throw;
        }
    }

    // The file's article, or why it is bad.
    private static (string Name, ArticleDocument? Document, ArticleFormatException? Problem) Parse((string Path, string Name) file)
    {
        try
        {
            return (file.Name, ArticleParser.ParseFile(file.Path, file.Name), null);
        }
        catch (ArticleFormatException ex)
        {
            return (file.Name, null, ex);
        }
    }

    // The file's article, or null when it is bad or a second file of one id (reported, and the import carries on).
    private ArticleDocument? Accept((string Name, ArticleDocument? Document, ArticleFormatException? Problem) file, Dictionary<string, string> seen, ImportReport report)
    {
        var problem = file.Problem;
        if (file.Document is { } document && !seen.TryAdd(document.Id, file.Name))
        {
            problem = new ArticleFormatException(file.Name, 1, $"duplicate article id '{document.Id}': {seen[document.Id]} has the same file name and was imported.");
        }

        if (problem is null)
        {
            return file.Document;
        }

        report.Errors.Add(problem.Message);
        logger.LogWarning("Skipped {File}: {Problem}", problem.File, problem.Message);
        return null;
    }

    // Joins the caller's transaction (a folder import's batch) or runs in one of its own.
    private async Task InTransactionAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await work();
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await work();
        await transaction.CommitAsync(cancellationToken);
    }

    // A batch of an import, inside its transaction: each new or changed article is saved as a version and published
    // (as SaveAsync and PublishAsync would, one after the other), all in one save, and recorded for the search index.
    private async Task ImportAsync(List<ArticleDocument> documents, string author, ImportReport report, CancellationToken cancellationToken)
    {
        var ids = documents.Select(d => d.Id).ToList();
        var existing = await db.Articles.Include(a => a.Versions).Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, cancellationToken);
        var published = new List<string>();
        foreach (var document in documents)
        {
            var now = time.GetUtcNow();
            bool changed;
            if (existing.TryGetValue(document.Id, out var article))
            {
                changed = article.AddVersion(document, author, now);
            }
            else
            {
                article = Article.Create(document, author, now);
                db.Articles.Add(article);
                changed = true;
            }

            if (changed || article.State != ArticleState.Published || article.PublishedVersion != article.LatestVersion)
            {
                if (article.State == ArticleState.Retired && !changed)
                {
                    report.Unchanged++; // an author retired it; an unchanged file does not bring it back
                    continue;
                }

                article.Publish(now);
                published.Add(article.Id);
                logger.LogDebug("Published article {ArticleId} version {Version}", article.Id, article.PublishedVersion);
                if (article.LatestVersion == 1) report.Added++;
                else report.Updated++;
            }
            else
            {
                report.Unchanged++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await KnowledgeChanges.RecordAsync(db, published, cancellationToken);
    }
}

/// <summary>What an import did.</summary>
public sealed class ImportReport
{
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public List<string> Errors { get; } = [];

    public override string ToString() =>
        $"{Added} added, {Updated} updated, {Unchanged} unchanged, {Errors.Count} with errors";
}

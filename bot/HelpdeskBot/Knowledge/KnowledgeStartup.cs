using HelpdeskBot.Knowledge.Authoring;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Knowledge.Search.Semantic;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Knowledge;

/// <summary>
/// Migrates the knowledge tables, then imports the configured articles folder the same way <c>kb import</c> does,
/// then brings the search index up to the database in the background (built afresh when missing or unreadable: the
/// bot answers everything else meanwhile, and knowledge questions wait for it). Commands only migrate
/// (<see cref="MigrateAsync"/>): <c>kb import</c> imports the folder it is given, nothing else.
/// </summary>
public sealed class KnowledgeStartup(
    IServiceScopeFactory scopes, IOptions<KnowledgeOptions> options, IOptions<SemanticOptions> semantic, ILogger<KnowledgeStartup> logger)
    : IHostedService
{
    private Task _catchingUp = Task.CompletedTask;

    /// <summary>The index's catching up after start (for tests).</summary>
    public Task IndexReady => _catchingUp;

    /// <summary>Migrates the knowledge tables.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>().Database.MigrateAsync(cancellationToken);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        await ImportAsync(cancellationToken);
        await EmbedSmallBaseAsync(cancellationToken);
        _catchingUp = Task.Run(CatchUpAsync, CancellationToken.None);
    }

    // A small base's vectors before serving (see SemanticOptions.EmbedAtStartUpTo); a large one's in the background.
    private async Task EmbedSmallBaseAsync(CancellationToken cancellationToken)
    {
        if (!semantic.Value.Enabled)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>();
        var index = scope.ServiceProvider.GetRequiredService<KnowledgeIndex>();
        var embedder = scope.ServiceProvider.GetRequiredService<SectionEmbedder>();
        if (index.Generation == await KnowledgeChanges.GenerationAsync(db, cancellationToken) && embedder.Waiting() <= semantic.Value.EmbedAtStartUpTo)
        {
            await embedder.RunAsync(db, Environment.ProcessorCount, cancellationToken); // nothing is served yet: every core
        }
    }

    private async Task CatchUpAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var indexed = await scope.ServiceProvider.GetRequiredService<KnowledgeIndex>()
                .CatchUpAsync(scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>(), CancellationToken.None);
            if (indexed > 0)
            {
                logger.LogInformation("The knowledge index caught up with the database: {Articles} articles indexed", indexed);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Bringing the knowledge index up to the database failed; the next knowledge question tries again");
        }
    }

    private async Task ImportAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (string.IsNullOrWhiteSpace(options.Value.ArticlesPath))
        {
            return;
        }

        var folder = RepositoryConfiguration.ResolvePath(options.Value.ArticlesPath);
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("No articles folder at {Folder}; the knowledge base starts with what the database holds", folder);
            return;
        }

        var report = await scope.ServiceProvider.GetRequiredService<KnowledgeBase>().ImportFolderAsync(folder, "startup import", cancellationToken);
        logger.LogInformation("Imported knowledge articles from {Folder}: {Report}", folder, report);
        foreach (var error in report.Errors)
        {
            logger.LogWarning("Article not imported: {Error}", error);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

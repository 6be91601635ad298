using HelpdeskBot.Knowledge.Authoring;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Knowledge;

/// <summary>
/// Migrates the knowledge tables, then imports the configured articles folder the same way <c>kb import</c> does.
/// Commands only migrate (<see cref="MigrateAsync"/>): <c>kb import</c> imports the folder it is given, nothing else.
/// </summary>
public sealed class KnowledgeStartup(IServiceScopeFactory scopes, IOptions<KnowledgeOptions> options, ILogger<KnowledgeStartup> logger)
    : IHostedService
{
    /// <summary>Migrates the knowledge tables, and indexes again what an older version indexed differently.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>().Database.MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<KnowledgeBase>().ReindexOutdatedAsync(cancellationToken);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
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

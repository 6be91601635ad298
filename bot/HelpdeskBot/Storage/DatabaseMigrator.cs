using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Storage;

/// <summary>Creates and migrates the database before the app serves anything (commands call it directly).</summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => MigrateAsync(cancellationToken);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        StorageExtensions.EnsureDirectoryExists(StorageExtensions.GetConnectionString(configuration));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets readers and a writer work at once; it is a property of the database file, so once is enough.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        logger.LogInformation("Database ready at {DataSource}", db.Database.GetDbConnection().DataSource);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Storage;

/// <summary>Creates and migrates the database before the app serves anything (commands call it directly).</summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => MigrateAsync(cancellationToken);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var sqlite = StorageExtensions.ProviderOf(configuration) == DatabaseProvider.Sqlite;
        if (sqlite)
        {
            StorageExtensions.EnsureDirectoryExists(StorageExtensions.GetConnectionString(configuration));
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
        // Instances starting together on PostgreSQL: EF Core 10 takes a lock around the migrations, so one applies them.
        await db.Database.MigrateAsync(cancellationToken);
        if (sqlite)
        {
            // WAL lets readers and a writer work at once; it is a property of the database file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        logger.LogInformation("Database ready at {DataSource} ({Provider})", db.Database.GetDbConnection().DataSource, db.Database.ProviderName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

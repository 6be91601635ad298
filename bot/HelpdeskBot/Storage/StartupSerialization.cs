using Npgsql;

namespace HelpdeskBot.Storage;

/// <summary>
/// Instances that start together on one PostgreSQL database (a deploy, a scale-out) start one at a time: before any
/// hosted service starts, this takes a session advisory lock on a connection of its own, and lets go once they all
/// have started. So the migrations and the start-up imports (the service map, the people of a development file, the
/// articles) of one instance have committed before the next reads what is there; without it, two instances both add
/// the same new rows and one fails to start. An instance that dies while it holds the lock releases it with its
/// connection. On SQLite (one process) there is nothing to do.
/// </summary>
public sealed class StartupSerialization(IConfiguration configuration, ILogger<StartupSerialization> logger) : IHostedLifecycleService, IAsyncDisposable
{
    /// <summary>The lock's key ("startup" in ASCII), the same in every instance.</summary>
    public const long Key = 0x73746172747570;

    private NpgsqlConnection? _connection;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (StorageExtensions.ProviderOf(configuration) != DatabaseProvider.PostgreSQL)
        {
            return;
        }

        // Unpooled: closing it ends the session, which is what releases the lock (a pooled one would keep it).
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(StorageExtensions.GetConnectionString(configuration)) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // No database yet: the migrations create it. Nothing to share with another instance's rows before then.
            await connection.DisposeAsync();
            logger.LogInformation("The database does not exist yet; starting without waiting for other instances");
            return;
        }

        await using (var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", connection))
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is not true)
            {
                logger.LogInformation("Another instance is starting on this database; waiting until it has");
                await using var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 };
                await wait.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        _connection = connection;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken) => await ReleaseAsync();

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync() => await ReleaseAsync();

    // Closing the session releases its advisory locks.
    private async Task ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            await connection.DisposeAsync();
        }
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HelpdeskBot.Storage;

public static class StorageExtensions
{
    public const string ConnectionStringName = "Helpdesk";

    /// <summary>SQLite at <c>ConnectionStrings:Helpdesk</c>, created and migrated when the app starts.</summary>
    public static IHostApplicationBuilder AddHelpdeskStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDbContext<HelpdeskDbContext>((services, options) => options
            .UseSqlite(GetConnectionString(services.GetRequiredService<IConfiguration>()))
            .ConfigureWarnings(ExpectedFailuresAreNotErrors));
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DatabaseMigrator>());
        return builder;
    }

    /// <summary>
    /// A write that fails raises an exception to its caller, which knows whether it is expected (a lost race on a unique
    /// key is how idempotency works) and logs it as what it is; EF's own error-level lines would say "error" every time.
    /// </summary>
    public static void ExpectedFailuresAreNotErrors(WarningsConfigurationBuilder warnings) =>
        warnings.Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug));

    /// <summary>The configured connection string, its relative SQLite file resolved as <see cref="RepositoryConfiguration.ResolvePath"/> does.</summary>
    public static string GetConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set (e.g. \"Data Source=helpdesk.db\").");
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal))
        {
            builder.DataSource = RepositoryConfiguration.ResolvePath(file);
        }

        return builder.ToString();
    }

    internal static void EnsureDirectoryExists(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (dataSource is not ("" or ":memory:") && directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpdeskBot.Storage;

public static class StorageExtensions
{
    public const string ConnectionStringName = "Helpdesk";

    /// <summary>
    /// The database at <c>ConnectionStrings:Helpdesk</c>: SQLite, or PostgreSQL with <c>Database:Provider=PostgreSQL</c>;
    /// created and migrated when the app starts.
    /// </summary>
    public static IHostApplicationBuilder AddHelpdeskStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddDbContext<HelpdeskDbContext>((services, options) => Use(options, services.GetRequiredService<IConfiguration>())
            .ConfigureWarnings(ExpectedFailuresAreNotErrors));
        // The provider's own context type, so EF Core runs that provider's migrations.
        builder.Services.Replace(ServiceDescriptor.Scoped<HelpdeskDbContext>(services =>
        {
            var options = services.GetRequiredService<DbContextOptions<HelpdeskDbContext>>();
            return ProviderOf(services.GetRequiredService<IConfiguration>()) == DatabaseProvider.PostgreSQL
                ? new PostgresHelpdeskDbContext(options)
                : new HelpdeskDbContext(options);
        }));
        builder.Services.AddHostedService<StartupSerialization>();
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

    /// <summary>The configured provider (read where the options are not yet built: registering the contexts).</summary>
    public static DatabaseProvider ProviderOf(IConfiguration configuration) =>
        configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;

    /// <summary>
    /// The provider and connection string of <paramref name="configuration"/> on <paramref name="options"/>, with the
    /// migrations history in <paramref name="historyTable"/> when given (the knowledge tables keep their own).
    /// </summary>
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, IConfiguration configuration, string? historyTable = null) =>
        ProviderOf(configuration) == DatabaseProvider.PostgreSQL
            ? options.UseNpgsql(GetConnectionString(configuration), npgsql => { if (historyTable is not null) npgsql.MigrationsHistoryTable(historyTable); })
            : options.UseSqlite(GetConnectionString(configuration), sqlite => { if (historyTable is not null) sqlite.MigrationsHistoryTable(historyTable); });

    /// <summary>
    /// The configured connection string; for SQLite, its relative file resolved as <see cref="RepositoryConfiguration.ResolvePath"/> does.
    /// </summary>
    public static string GetConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set (e.g. \"Data Source=helpdesk.db\").");
        if (ProviderOf(configuration) == DatabaseProvider.PostgreSQL)
        {
            return connectionString;
        }

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

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>Which database (section <c>Database</c>); the connection string is <c>ConnectionStrings:Helpdesk</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// <c>Sqlite</c> (default: one file, one instance) or <c>PostgreSQL</c> (several instances on one database), e.g.
    /// <c>Host=db;Database=helpdesk;Username=helpdesk;Password=...</c>.
    /// </summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Storage;

public static class StorageExtensions
{
    public const string ConnectionStringName = "Helpdesk";

    /// <summary>SQLite at <c>ConnectionStrings:Helpdesk</c>, created and migrated when the app starts.</summary>
    public static IHostApplicationBuilder AddHelpdeskStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDbContext<HelpdeskDbContext>((services, options) =>
            options.UseSqlite(GetConnectionString(services.GetRequiredService<IConfiguration>())));
        builder.Services.AddHostedService<DatabaseMigrator>();
        return builder;
    }

    public static string GetConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set (e.g. \"Data Source=helpdesk.db\").");

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

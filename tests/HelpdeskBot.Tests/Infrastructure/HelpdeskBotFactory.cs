using HelpdeskBot.Protocol.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>
/// The bot in memory with its own SQLite file, configured per test class; or its own PostgreSQL database with
/// <c>Database:Provider=PostgreSQL</c> in the settings, or for every test with the environment variable
/// <c>HELPDESK_TEST_DATABASE=PostgreSQL</c> (the second run of .ci/run). The bot's outbound calls go over real HTTP,
/// so point activities' serviceUrl at a <see cref="FakeChannel"/>.
/// </summary>
public sealed class HelpdeskBotFactory(
    IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"helpdesk-test-{Guid.NewGuid():N}.db");

    private readonly List<string> _logs = [];

    private string? _postgresDatabase;

    /// <summary>The provider every factory uses unless its settings say otherwise.</summary>
    public static string DefaultProvider => Environment.GetEnvironmentVariable("HELPDESK_TEST_DATABASE") is { Length: > 0 } provider ? provider : "Sqlite";

    public bool OnPostgres => (settings?.TryGetValue("Database:Provider", out var provider) == true ? provider : DefaultProvider)
        ?.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>What the app has logged so far: a copy, since the app's background services keep logging meanwhile.</summary>
    public IReadOnlyList<string> Logs
    {
        get
        {
            lock (_logs)
            {
                return [.. _logs];
            }
        }
    }

    /// <summary>
    /// Starts the app with <paramref name="settings"/> expecting it to refuse, and returns why. When the app fails at
    /// once, WebApplicationFactory can lose a race with the app disposing itself and report ObjectDisposedException
    /// instead of the app's own exception; then it is started again (a fresh app, the same refusal).
    /// </summary>
    public static async Task<Exception> StartupErrorAsync(IDictionary<string, string?> settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var bot = new HelpdeskBotFactory(settings);
            try
            {
                _ = bot.Services;
            }
            catch (ObjectDisposedException) when (attempt < 5)
            {
                continue;
            }
            catch (Exception ex)
            {
                return ex;
            }

            throw new InvalidOperationException("The app started, but was expected to refuse these settings.");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Helpdesk"] = $"Data Source={_databasePath}",
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["Knowledge:ArticlesPath"] = "", // an empty knowledge base unless a test imports one
            ["People:DevelopmentImportPath"] = "", // an empty directory too
            // Lexical search, whose answers do not change while vectors arrive in the background; the semantic stage
            // is tested where a test turns it on (and by the relevance sets and the tests that start the app as a process).
            ["Knowledge:Semantic:Enabled"] = "false",
            // The keyword rules route messages, as they did before the model router; the router is tested where a
            // test turns it on (the routing set, RoutingTests) and by the tests that start the app as a process.
            ["Routing:UseModel"] = "false",
        };
        if (OnPostgres && settings?.ContainsKey("ConnectionStrings:Helpdesk") != true)
        {
            _postgresDatabase ??= PostgresServer.SharedAsync().GetAwaiter().GetResult().CreateDatabaseAsync().GetAwaiter().GetResult();
            values["Database:Provider"] = "PostgreSQL";
            values["ConnectionStrings:Helpdesk"] = _postgresDatabase;
            values["Knowledge:IndexPath"] = Path.ChangeExtension(_databasePath, ".kb-index");
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(values));
        // Host settings reach Program before it registers services (app configuration only arrives at Build), and
        // some registrations depend on settings: AddAi registers a chat client only when Ai:Endpoint is set.
        foreach (var (key, value) in values)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new ListLoggerProvider(_logs)));
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    /// <summary>A factory whose pipeline also runs <paramref name="middleware"/> (after the app's own).</summary>
    public static HelpdeskBotFactory WithMiddleware(IBotMiddleware middleware) =>
        new(services: s => s.AddSingleton(middleware));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is { } database)
        {
            await (await PostgresServer.SharedAsync()).DropDatabaseAsync(database);
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }

        // The knowledge index beside it (and another instance's, when two shared the database).
        foreach (var index in Directory.GetDirectories(Path.GetDirectoryName(_databasePath)!, Path.GetFileNameWithoutExtension(_databasePath) + ".kb-index*"))
        {
            Directory.Delete(index, recursive: true);
        }
    }
}

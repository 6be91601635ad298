using System.Net;

namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>
/// The compose topology as plain processes (deploy/docker-compose.yml, where Docker cannot run): several bot processes
/// on one PostgreSQL database, each with its own Lucene index folder, Caddy in front with deploy/caddy/Caddyfile itself,
/// and a <see cref="FakeChannel"/> on loopback that every instance sends to. All instances start at the same moment on
/// an empty database, as after a deploy, so the migrations and the start-up imports race as they would.
/// </summary>
public sealed class BotCluster : IAsyncDisposable
{
    public const string ApiKey = "cluster-test-key-0123456789abcdef";

    private readonly List<ExternalProcess> _bots = [];
    private readonly List<HttpClient> _clients = [];
    private ExternalProcess? _proxy;
    private PostgresServer? _server;

    private BotCluster(DirectoryInfo folder, FakeChannel channel)
    {
        Folder = folder;
        Channel = channel;
    }

    public DirectoryInfo Folder { get; }

    public FakeChannel Channel { get; }

    /// <summary>One client per instance, straight to it (no proxy).</summary>
    public IReadOnlyList<HttpClient> Instances => _clients;

    /// <summary>Through Caddy, which spreads requests over the instances in turn.</summary>
    public HttpClient Proxy { get; private set; } = null!;

    public IReadOnlyList<ExternalProcess> Bots => _bots;

    public string ConnectionString { get; private set; } = "";

    public static async Task<BotCluster> StartAsync(int instances, IReadOnlyDictionary<string, string> settings)
    {
        var cluster = new BotCluster(Directory.CreateTempSubdirectory("helpdesk-cluster-"), await FakeChannel.StartAsync());
        try
        {
            await cluster.StartAllAsync(instances, settings);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task StartAllAsync(int instances, IReadOnlyDictionary<string, string> settings)
    {
        _server = await PostgresServer.SharedAsync();
        ConnectionString = await _server.CreateDatabaseAsync();
        var ports = Enumerable.Range(0, instances).Select(_ => BotProcess.FreePort()).ToList();
        for (var i = 0; i < instances; i++)
        {
            var variables = new Dictionary<string, string>(settings)
            {
                ["Database__Provider"] = "PostgreSQL",
                ["ConnectionStrings__Helpdesk"] = ConnectionString + ";Maximum Pool Size=20",
                ["Knowledge__IndexPath"] = Path.Combine(Folder.FullName, $"kb-index-{i + 1}"),
                ["Api__Keys__0__Name"] = "cluster-test",
                ["Api__Keys__0__Key"] = ApiKey,
                ["Api__Keys__0__Roles__0"] = "tickets-agent",
                ["Api__Keys__0__Roles__1"] = "people-admin",
                ["Api__Keys__0__Roles__2"] = "kb-author",
                ["Api__Keys__0__Roles__3"] = "outages",
                ["Api__Keys__0__Roles__4"] = "alerts",
            };
            _bots.Add(BotProcess.Start(Folder.FullName, [], ports[i], extra: variables));
        }

        foreach (var (bot, port) in _bots.Zip(ports))
        {
            await bot.WaitForOutputAsync("HelpdeskBot is listening", TimeSpan.FromMinutes(3));
            var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            _clients.Add(client);
            await UntilReadyAsync(client, bot);
        }

        await StartProxyAsync(ports);
    }

    private static async Task UntilReadyAsync(HttpClient client, ExternalProcess process)
    {
        try
        {
            await Poll.UntilAsync(async () =>
            {
                Assert.Null(process.ExitCode);
                try
                {
                    return (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false; // not listening yet
                }
            }, "the instance is ready", TimeSpan.FromMinutes(2));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new TimeoutException($"Not ready: {e.Message}\n{process.Output}", e);
        }
    }

    // deploy/caddy/Caddyfile as it is, with loopback addresses for the compose names.
    private async Task StartProxyAsync(IReadOnlyList<int> ports)
    {
        if (!(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, "caddy"))))
        {
            throw new InvalidOperationException("Caddy is not installed: the multi-instance tests run deploy/caddy/Caddyfile (apt-get install caddy; .ci/run installs it).");
        }

        var port = BotProcess.FreePort();
        _proxy = ExternalProcess.Start("caddy", ["run", "--config", RepositoryRoot.Combine("deploy", "caddy", "Caddyfile"), "--adapter", "caddyfile"],
            Folder.FullName, new Dictionary<string, string>
            {
                ["SITE_ADDRESS"] = $"http://127.0.0.1:{port}",
                ["BOT_UPSTREAMS"] = string.Join(' ', ports.Select(p => $"127.0.0.1:{p}")),
                ["CADDY_HEALTH_ADDRESS"] = $"127.0.0.1:{BotProcess.FreePort()}",
                ["HOME"] = Folder.FullName,
                ["XDG_DATA_HOME"] = Path.Combine(Folder.FullName, "caddy-data"),
                ["XDG_CONFIG_HOME"] = Path.Combine(Folder.FullName, "caddy-config"),
            });
        Proxy = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await UntilReadyAsync(Proxy, _proxy);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        Proxy?.Dispose();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        foreach (var bot in _bots)
        {
            await bot.DisposeAsync();
        }

        if (_server is not null && ConnectionString.Length > 0)
        {
            await _server.DropDatabaseAsync(ConnectionString);
        }

        await Channel.DisposeAsync();
        Folder.Delete(recursive: true);
    }
}

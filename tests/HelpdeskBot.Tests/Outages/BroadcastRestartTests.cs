using System.Diagnostics;
using HelpdeskBot.Outages;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HelpdeskBot.Tests.Outages;

/// <summary>
/// A broadcast survives a crash: the built bot, in its own process, is killed (SIGKILL) while an outage's notices go
/// out to 300 people on a slow connector, and started again on the same database. Nobody is skipped, and the only
/// duplicates are sends in flight at the kill (the connector took them, the bot had not written them down), at most
/// <c>Outages:Broadcast:Concurrency</c>. Notices the dead process had claimed wait for their lease
/// (<c>Outages:Broadcast:Lease</c>, here 5 s) to run out; the test prints how long the restart took to resume and finish.
/// </summary>
public sealed class BroadcastRestartTests(ITestOutputHelper output) : IDisposable
{
    private const int Recipients = 300, Concurrency = 8, RatePerSecond = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("broadcast-restart-");

    private string DatabasePath => Path.Combine(_folder.FullName, "helpdesk.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private ExternalProcess StartBot(int port) => BotProcess.Start(_folder.FullName, [], port, extra: new Dictionary<string, string>
    {
        ["Outages__Broadcast__RatePerSecond"] = RatePerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Outages__Broadcast__Concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Outages__Broadcast__Lease"] = Lease.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["People__DevelopmentImportPath"] = "", // only the seeded people
    });

    [Fact]
    public async Task AfterAKillMidBroadcastTheRestartSendsTheRestAndDuplicatesOnlyWhatWasInFlight()
    {
        File.Copy(RepositoryRoot.Combine("appsettings.json"), Path.Combine(_folder.FullName, "appsettings.json"));
        await using var connector = await BroadcastConnector.StartAsync(new BroadcastConnectorOptions { Latency = TimeSpan.FromMilliseconds(50) });

        var firstPort = BotProcess.FreePort();
        await using var first = StartBot(firstPort);
        await first.WaitForOutputAsync("Chat with it:", TimeSpan.FromSeconds(60));
        await BroadcastAudience.SeedAsync(DatabasePath, Recipients, connector.ServiceUrl);
        using var firstClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{firstPort}") };
        var number = await BroadcastCalls.AlertAsync(firstClient);
        Assert.Equal("OUT1000001", number);

        await Poll.UntilAsync(() => connector.CardsPosted >= Recipients / 3, "a third of the cards are out", TimeSpan.FromSeconds(30));
        await first.KillAsync(TimeSpan.FromSeconds(10));
        var atKill = connector.CardsPosted;
        var (sent, pending, leased) = await NoticesAsync();
        output.WriteLine($"Killed with {atKill} cards accepted by the connector; the database had {sent} sent, {pending} pending of which {leased} leased by the dead process.");

        var restart = Stopwatch.StartNew();
        var secondPort = BotProcess.FreePort();
        await using var second = StartBot(secondPort);
        await second.WaitForOutputAsync("Chat with it:", TimeSpan.FromSeconds(60));
        var ready = restart.Elapsed;
        using var secondClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{secondPort}") };
        var deadline = Lease + TimeSpan.FromSeconds(60);
        await Poll.UntilAsync(() => connector.CardsPosted > atKill, "the restarted bot sends again", deadline);
        var resumed = restart.Elapsed;
        await Poll.UntilAsync(() => connector.CardsByConversation.Count >= Recipients, "everyone has a card", deadline - restart.Elapsed);
        var everyone = restart.Elapsed;
        DeliveryCounts delivery = null!;
        await Poll.UntilAsync(async () => (delivery = await BroadcastCalls.DeliveryAsync(secondClient, number)).Pending == 0,
            "nothing is pending", TimeSpan.FromSeconds(30));
        var finished = restart.Elapsed;

        var missing = connector.Missing(BroadcastAudience.Conversations(Recipients));
        var duplicates = connector.CardsByConversation.Where(c => c.Value > 1).Select(c => c.Key).ToList();
        output.WriteLine($"Restart: ready after {ready.TotalSeconds:F1} s, first new card after {resumed.TotalSeconds:F1} s, everyone has a card after {everyone.TotalSeconds:F1} s, nothing pending after {finished.TotalSeconds:F1} s (lease {Lease.TotalSeconds:F0} s).");
        output.WriteLine($"Delivery: {delivery}. Cards: {connector.CardsPosted} for {Recipients} people; missing {missing.Count}; duplicates {duplicates.Count} (at most {Concurrency} allowed){(duplicates.Count > 0 ? ": " + string.Join(", ", duplicates) : "")}.");

        Assert.Empty(missing);
        Assert.Equal(Recipients, delivery.Total);
        Assert.Equal(Recipients, delivery.Sent);
        // Each send in flight at the kill is one person's card: at most Concurrency cards too many in all.
        Assert.InRange(connector.CardsPosted - Recipients, 0, Concurrency);
    }

    private async Task<(long Sent, long Pending, long Leased)> NoticesAsync()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT SUM("State" = 'Sent'), SUM("State" = 'Pending'), SUM("State" = 'Pending' AND "LeaseOwner" IS NOT NULL) FROM "OutageNotices"
            """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}

using System.Diagnostics;
using System.Globalization;
using HelpdeskBot.Outages;
using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HelpdeskBot.Tests.Outages;

/// <summary>
/// The outage broadcast's benchmark: N people with a stored 1:1 chat, an alert on a service everyone depends on, and
/// the time until every card is out through a <see cref="BroadcastConnector"/> (20 ms per request, 5 % of sends
/// answered 429 with <c>Retry-After: 1</c>). Measured: the rate achieved over the steady part against the ceiling
/// (<c>Outages:Broadcast:RatePerSecond</c>), duplicates and lost notices (both 0 expected), the test process's peak
/// working set (the in-memory bot and the connector together, sampled), the time from the alert's POST to the first
/// card, and the CPU the process used. In the suite it runs 200 people at 500/s, with bursts of 503 as well, and checks
/// only that each got exactly one card; with <c>BROADCAST_BENCHMARK=10000:50,10000:500</c> (recipients:rate,
/// comma-separated) it runs those and prints a row each (tests/README.md, Outage broadcast).
/// </summary>
public sealed class BroadcastBenchmark(ITestOutputHelper output)
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);
    private const double ThrottledShare = 0.05;

    private static string? Asked => Environment.GetEnvironmentVariable("BROADCAST_BENCHMARK") is { Length: > 0 } asked ? asked : null;

    private static IReadOnlyList<(int Recipients, int Rate)> Runs =>
        Asked is { } asked
            ? [.. asked.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(run =>
                run.Split(':') is [var n, var rate] ? (int.Parse(n, CultureInfo.InvariantCulture), int.Parse(rate, CultureInfo.InvariantCulture))
                : throw new FormatException($"BROADCAST_BENCHMARK: '{run}' is not recipients:rate."))]
            : [(200, 500)];

    [Fact]
    public async Task EveryoneGetsExactlyOneCardAndPrintsTheFigures()
    {
        output.WriteLine($"Broadcast benchmark: in-memory host, SQLite, connector latency {Latency.TotalMilliseconds:F0} ms, {ThrottledShare:P0} of sends answered 429 (Retry-After: 1){(Asked is null ? " and 5 of every 100 requests 503" : "")}, concurrency {new BroadcastOptions().Concurrency}, {Environment.ProcessorCount} cores.");
        output.WriteLine("| recipients | ceiling/s | achieved/s (steady) | share | sends/s incl. refused | duplicates | lost | refused (429/503) | working set before → peak | first card after | 90 % out after | all sent after | CPU used | load average |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (recipients, rate) in Runs)
        {
            output.WriteLine(await RunAsync(recipients, rate));
        }
    }

    private async Task<string> RunAsync(int recipients, int rate)
    {
        // In the suite, bursts of 503 too (5 requests of every 100), so exactly-once is checked through both kinds of retry.
        await using var connector = await BroadcastConnector.StartAsync(new BroadcastConnectorOptions
        {
            Latency = Latency, ThrottledShare = ThrottledShare, Seed = recipients ^ rate,
            BurstEvery = Asked is null ? 100 : 0, BurstLength = Asked is null ? 5 : 0,
        });
        await using var bot = new HelpdeskBotFactory(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Outages:Broadcast:RatePerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
        });
        using var client = bot.CreateClient();
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            await BroadcastAudience.SeedAsync(scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>(), recipients, connector.ServiceUrl);
        }

        using var memory = new WorkingSetSampler();
        var posted = Stopwatch.GetTimestamp();
        var number = await BroadcastCalls.AlertAsync(client);
        // However slow the broadcast, it fails only when no card arrived for a minute.
        while (connector.CardsByConversation.Count < recipients)
        {
            var before = connector.CardsPosted;
            await Poll.UntilAsync(() => connector.CardsByConversation.Count >= recipients || connector.CardsPosted > before,
                $"another card (stuck at {before} of {recipients})", TimeSpan.FromSeconds(60));
        }

        var allSent = Stopwatch.GetElapsedTime(posted);
        var cpu = memory.Cpu;
        DeliveryCounts delivery = null!;
        await Poll.UntilAsync(async () => (delivery = await BroadcastCalls.DeliveryAsync(client, number)).Pending == 0, "nothing is pending", TimeSpan.FromSeconds(30));
        var (startSet, peakSet) = await memory.StopAsync();

        var lost = connector.Missing(BroadcastAudience.Conversations(recipients)).Count;
        var duplicates = connector.Duplicates;
        var achieved = connector.SteadyRate();
        var firstCard = Stopwatch.GetElapsedTime(posted, connector.FirstCardAt!.Value);
        var mostOut = Stopwatch.GetElapsedTime(posted, connector.CardsAt(0.9)!.Value);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, lost);
        Assert.Equal(recipients, connector.CardsPosted);
        Assert.Equal(new DeliveryCounts(recipients, 0, recipients, 0, 0, recipients, 0, 0), delivery);

        var sends = connector.CardsPosted + connector.Throttled + connector.Unavailable;
        return $"| {recipients:N0} | {rate} | {achieved:F0} | {achieved / rate:P0} | {connector.AttemptRate():F0} | {duplicates} | {lost} | {connector.Throttled + connector.Unavailable:N0} of {sends:N0} " +
            $"| {startSet / 1048576.0:F0} → {peakSet / 1048576.0:F0} MiB | {firstCard.TotalMilliseconds:F0} ms | {mostOut.TotalSeconds:F1} s | {allSent.TotalSeconds:F1} s | {cpu.TotalSeconds:F0} s | {Load()} |";
    }

    // The machine's 1-minute load average (Linux), to read the figures by: the machine may be shared.
    private static string Load() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>Samples this process's working set every 50 ms (a timer, not a wait) and keeps the highest; and its CPU time since.</summary>
    private sealed class WorkingSetSampler : IDisposable
    {
        private readonly Process _process = Process.GetCurrentProcess();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<long> _sampling;
        private readonly long _before;
        private readonly TimeSpan _cpu;

        public WorkingSetSampler()
        {
            GC.Collect();
            _process.Refresh();
            _before = _process.WorkingSet64;
            _cpu = _process.TotalProcessorTime;
            _sampling = SampleAsync();
        }

        /// <summary>CPU time this process used since the sampler started (every thread: the bot, the connector, the test).</summary>
        public TimeSpan Cpu
        {
            get
            {
                using var process = Process.GetCurrentProcess(); // the sampler refreshes its own
                return process.TotalProcessorTime - _cpu;
            }
        }

        private async Task<long> SampleAsync()
        {
            var peak = _before;
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    _process.Refresh();
                    peak = Math.Max(peak, _process.WorkingSet64);
                }
            }
            catch (OperationCanceledException)
            {
            }

            return peak;
        }

        public async Task<(long Before, long Peak)> StopAsync()
        {
            await _stop.CancelAsync();
            return (_before, await _sampling);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
            _process.Dispose();
        }
    }
}

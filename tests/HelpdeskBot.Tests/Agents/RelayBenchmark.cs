using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using HelpdeskBot.Agents;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HelpdeskBot.Tests.Agents;

/// <summary>
/// The live chat relay's benchmark: messages a requester sends during a chat, through <c>/api/messages</c> into the
/// ticket's thread on the fake channel, one after another, against a trivial turn (a greeting) as the baseline. In the
/// suite it runs small and checks only that every message was relayed once; with <c>RELAY_BENCHMARK_MESSAGES</c> set it
/// runs that many and prints the figures (tests/README.md, Benchmarks).
/// </summary>
public sealed class RelayBenchmark(ITestOutputHelper output) : BotWithChannel(new HelpdeskBotFactory(new Dictionary<string, string?>
{
    ["Logging:LogLevel:Default"] = "Warning",
    ["Agents:Queues:0:Group"] = "Service Desk",
    ["Agents:Queues:0:TeamId"] = TeamId,
    ["Agents:Queues:0:ChannelId"] = "19:queue@thread.tacv2",
}))
{
    private const string TeamId = "19:team@thread.tacv2";
    private const string Requester = "29:alex";
    private const string Agent = "29:megan";

    private static int Messages => int.TryParse(Environment.GetEnvironmentVariable("RELAY_BENCHMARK_MESSAGES"), out var n) && n > 0 ? n : 40;

    private Activity From(string conversation, string text)
    {
        var message = TeamsActivities.Message(Channel.ServiceUrl, text, conversation);
        message.From = new ChannelAccount(Requester, "Alex Wilber");
        return message;
    }

    [Fact]
    public async Task RelaysEveryMessageOnceAndPrintsTheFigures()
    {
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(
            [
                (2, new PersonRecord("alexw@contoso.example", "Alex Wilber", TeamsId: Requester)),
                (3, new PersonRecord("meganb@contoso.example", "Megan Bowen", TeamsId: Agent, Roles: "agent")),
            ], PersonSource.Csv, default);
        }

        var install = TeamsActivities.BotInstalledInTeam(Channel.ServiceUrl, TeamId);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostActivityAsync(install)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostActivityAsync(From("a:alex", "hi"))).StatusCode);

        string number;
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            var tickets = scope.ServiceProvider.GetRequiredService<TicketService>();
            number = (await tickets.CreateAsync(new NewTicket(TicketKind.Incident, "Printer offline", Requester, TicketImpact.Medium, TicketUrgency.Medium),
                SubmissionKey.Api("bench", "1"))).Number;
            await tickets.RecordHandoffAsync(number, Requester, nameof(HandoffState.Waiting));
        }

        await Poll.UntilAsync(async () =>
        {
            await using var scope = Bot.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
            return await db.Set<Handoff>().AnyAsync(h => h.TicketNumber == number)
                && await db.Set<QueueThread>().AnyAsync(t => t.TicketNumber == number && t.State == QueueThreadState.Posted);
        }, "the chat waits in the queue");
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Handoffs>().JoinAsync(number, Agent, default);
        }

        // Warm up both paths, then time them.
        for (var i = 0; i < 10; i++)
        {
            await Client.PostActivityAsync(From("a:baseline", "hi"));
            await Client.PostActivityAsync(From("a:alex", $"warm-up {i}"));
        }

        var baseline = await TimeAsync(i => From("a:baseline", "hi"));
        var relayed = await TimeAsync(i => From("a:alex", $"message {i}"));

        await Poll.UntilAsync(() => Channel.Requests.Count(r => r.Method == "POST" && r.Body is not null && r.Activity.Text?.Contains("**Alex Wilber**: message ") == true) >= Messages,
            "every message is in the thread");
        Assert.Equal(Messages, Channel.Requests.Count(r => r.Method == "POST" && r.Body is not null && r.Activity.Text?.Contains("**Alex Wilber**: message ") == true));

        output.WriteLine($"Relay benchmark, {Messages} messages one after another, {Environment.ProcessorCount} cores:");
        output.WriteLine($"| turn | per second | p50 ms | p99 ms |");
        output.WriteLine($"|---|---|---|---|");
        output.WriteLine(baseline.Row("trivial turn (greeting)"));
        output.WriteLine(relayed.Row("relayed message (requester → thread, journalled)"));
        output.WriteLine($"A relay adds {relayed.P50 - baseline.P50:F1} ms at p50 and {relayed.P99 - baseline.P99:F1} ms at p99.");
    }

    private sealed record Timing(double PerSecond, double P50, double P99)
    {
        public string Row(string what) => $"| {what} | {PerSecond:F0} | {P50:F1} | {P99:F1} |";
    }

    private async Task<Timing> TimeAsync(Func<int, Activity> activity)
    {
        var latencies = new List<double>(Messages);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < Messages; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await Client.PostActivityAsync(activity(i));
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var seconds = total.Elapsed.TotalSeconds;
        latencies.Sort();
        return new Timing(Messages / seconds, latencies[latencies.Count / 2], latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(latencies.Count * 0.99) - 1)]);
    }
}

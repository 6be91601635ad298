using HelpdeskBot.Benchmarks.Load;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HelpdeskBot.Tests.Bot;

/// <summary>
/// Keeps the load generator (tests/HelpdeskBot.Benchmarks, <c>load</c>) working on a small scale: against the built
/// bot in its own process, each kind of turn gets the reply it asks for. It checks what the generator sees, never how
/// fast: timings belong to tests/bench/load.sh.
/// </summary>
public sealed class LoadGeneratorTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("load-generator-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task EveryKindOfTurnGetsItsReplyThroughTheStandInConnector()
    {
        const string team = "19:load-test-team@thread.tacv2";
        var port = BotProcess.FreePort();
        await using var bot = BotProcess.Start(_folder.FullName, [], port, extra: new Dictionary<string, string>
        {
            ["Knowledge__IndexPath"] = Path.Combine(_folder.FullName, "index"),
            ["Agents__Queues__0__Group"] = "Service Desk",
            ["Agents__Queues__0__TeamId"] = team,
            ["Agents__Queues__0__ChannelId"] = team,
        });
        await bot.WaitForOutputAsync("Chat with it:", TimeSpan.FromSeconds(60));

        foreach (var kind in (TurnKind[])[TurnKind.Trivial, TurnKind.Answer, TurnKind.Form])
        {
            var log = new StringWriter();
            // Questions one at a time: this is about the generator; concurrent questions are the load script's, and can
            // still meet the knowledge search's doc-values race (deploy/README.md, Load).
            var conversations = kind == TurnKind.Answer ? 1 : 2;
            var settings = new LoadSettings([new Uri($"http://127.0.0.1:{port}/")], conversations, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), kind)
            {
                Team = team,
                Drain = TimeSpan.FromSeconds(45),
            };

            var result = await new LoadGenerator(settings, RepositoryRoot.Path, log).RunAsync();

            output.WriteLine(log.ToString());
            output.WriteLine(result.Table());
            Assert.Equal((0, 0), (result.Errors, result.WarmupErrors));
            Assert.True(result.Main.Turns > 0, result.Table());
            if (kind == TurnKind.Answer)
            {
                Assert.True(result.Main.Turns - result.Main.NotAnswered > 0, "no question got an answer card");
            }

            if (kind == TurnKind.Form)
            {
                // The tickets' cards reach the agents' queue channel, after the turn.
                Assert.True(result.Tickets > 0 && result.QueueCards!.LagMilliseconds.Count > 0, result.Table());
            }
        }

        // The app's own errors (a failed turn, a failed post); the health check's "not ready yet" at start is no error.
        Assert.DoesNotContain("fail: HelpdeskBot", bot.Output);
    }
}

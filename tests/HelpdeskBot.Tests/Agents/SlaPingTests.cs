using System.Net;
using HelpdeskBot.Agents;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Agents;

/// <summary>
/// SLA warnings and breaches on a manual clock: the queue card turns amber then red, and each alert goes into the
/// ticket's thread and to the assignee's 1:1 chat exactly once.
/// </summary>
public sealed class SlaPingTests : IAsyncLifetime
{
    private const string TeamId = "19:team@thread.tacv2";
    private const string QueueChannelId = "19:queue@thread.tacv2";
    private const string Agent = "29:megan";
    private const string AgentChat = "a:megan-personal";

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)); // a Monday
    private HelpdeskBotFactory _bot = null!;
    private FakeChannel _channel = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _bot = new HelpdeskBotFactory(new Dictionary<string, string?>
        {
            ["Bot:Retry:MaxRetries"] = "0",
            ["Tickets:MonitorInterval"] = "1.00:00:00", // only the test's checks run
            ["Agents:Queues:0:Group"] = "Service Desk",
            ["Agents:Queues:0:TeamId"] = TeamId,
            ["Agents:Queues:0:ChannelId"] = QueueChannelId,
        }, services => services.AddSingleton<TimeProvider>(_clock));
        _client = _bot.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
    }

    private int Pings(string text) => _channel.Requests.Count(r => r.Method == "POST" && r.Body is not null
        && r.Activity.Text?.Contains(text) == true && r.Path.Contains("/activities"));

    [Fact]
    public async Task TheWarningAndTheBreachGoToTheAssigneeAndTheThreadOnceEachAndColourTheCard()
    {
        await using (var scope = _bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(
                [(2, new PersonRecord("meganb@contoso.example", "Megan Bowen", TeamsId: Agent, Roles: "agent"))], PersonSource.Csv, default);
        }

        // Megan has talked to the bot (her 1:1 chat is known), and the app is installed in the team.
        var hello = TeamsActivities.Message(_channel.ServiceUrl, "hi", AgentChat);
        hello.From = new ChannelAccount(Agent, "Megan Bowen");
        Assert.Equal(HttpStatusCode.OK, (await _client.PostActivityAsync(hello)).StatusCode);
        var install = TeamsActivities.BotInstalledInTeam(_channel.ServiceUrl, TeamId);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostActivityAsync(install)).StatusCode);

        string number;
        await using (var scope = _bot.Services.CreateAsyncScope())
        {
            var tickets = scope.ServiceProvider.GetRequiredService<TicketService>();
            // P1: first response due in 15 minutes (warning at 75 %, 11:15).
            var ticket = await tickets.CreateAsync(new NewTicket(TicketKind.Incident, "Email is down", "29:alex", TicketImpact.High, TicketUrgency.High),
                SubmissionKey.Api("tests", "sla-1"));
            await tickets.TakeAsync(ticket.Number, Agent);
            number = ticket.Number;
        }

        await Poll.UntilAsync(async () => await ThreadStateAsync(number) == QueueThreadState.Posted, "the ticket is posted to the queue");
        var monitor = _bot.Services.GetRequiredService<SlaMonitor>();

        _clock.Advance(TimeSpan.FromMinutes(12));
        await monitor.CheckAsync(default);
        await monitor.CheckAsync(default);
        await Poll.UntilAsync(() => Pings($"{number}: the first response is due soon") == 2, "the warning reaches the thread and Megan");
        await Poll.UntilAsync(() => _channel.Requests.Any(r => r.Method == "PUT" && r.Body is not null && CardTexts.Of(r.Activity.Attachments![0].Content!.Value).Contains("(due soon)")),
            "the card turns amber");

        _clock.Advance(TimeSpan.FromMinutes(5));
        await monitor.CheckAsync(default);
        await Poll.UntilAsync(() => Pings("first response target was BREACHED") == 2, "the breach reaches the thread and Megan");
        await monitor.CheckAsync(default);

        Assert.Equal(2, Pings($"{number}: the first response is due soon"));
        Assert.Equal(2, Pings("first response target was BREACHED"));
        Assert.Contains(_channel.Requests, r => r.Method == "POST" && r.Path.Contains(Uri.EscapeDataString(AgentChat)) && r.Activity.Text?.Contains("BREACHED") == true);
        Assert.Contains(_channel.Requests, r => r.Method == "POST" && r.Path.Contains(Uri.EscapeDataString(QueueChannelId)) && r.Activity.Text?.Contains("BREACHED") == true);
    }

    [Fact]
    public async Task AChatNobodyPicksUpWithinTheResponseTargetIsFlaggedOnTheCardAndPingedInTheThreadOnce()
    {
        var alex = TeamsActivities.Message(_channel.ServiceUrl, "hi", "a:alex");
        alex.From = new ChannelAccount("29:alex", "Alex Wilber");
        Assert.Equal(HttpStatusCode.OK, (await _client.PostActivityAsync(alex)).StatusCode);
        var install = TeamsActivities.BotInstalledInTeam(_channel.ServiceUrl, TeamId);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostActivityAsync(install)).StatusCode);
        string number;
        await using (var scope = _bot.Services.CreateAsyncScope())
        {
            var tickets = scope.ServiceProvider.GetRequiredService<TicketService>();
            number = (await tickets.CreateAsync(new NewTicket(TicketKind.Incident, "Printer offline", "29:alex", TicketImpact.Medium, TicketUrgency.Medium),
                SubmissionKey.Api("tests", "flag-1"))).Number;
            await tickets.RequestChatAsync(number, "29:alex");
        }

        await Poll.UntilAsync(async () => await ThreadStateAsync(number) == QueueThreadState.Posted && await HandoffAsync(number), "the chat waits in the queue");
        var poster = _bot.Services.GetRequiredService<QueuePoster>();
        await poster.PostWaitingAsync(default);
        Assert.Equal(0, Pings("nobody picked it up"));

        _clock.Advance(TimeSpan.FromDays(3)); // past the P3 first-response target, business hours or not
        await poster.PostWaitingAsync(default);
        await poster.PostWaitingAsync(default);

        // The poster's own background pass may be the one that flags it (the conditional update lets one pass ping).
        await Poll.UntilAsync(() => Pings("nobody picked it up within the response target") > 0, "the thread is pinged");
        await poster.PostWaitingAsync(default);
        Assert.Equal(1, Pings("nobody picked it up within the response target"));
        await Poll.UntilAsync(() => _channel.Requests.Any(r => r.Method == "PUT" && r.Body is { } b && b.GetRawText().Contains("nobody picked it up")),
            "the card is flagged");
    }

    private async Task<bool> HandoffAsync(string number)
    {
        await using var scope = _bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>().Set<Handoff>().AnyAsync(h => h.TicketNumber == number);
    }

    private async Task<QueueThreadState?> ThreadStateAsync(string number)
    {
        await using var scope = _bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>().Set<QueueThread>()
            .Where(t => t.TicketNumber == number).Select(t => (QueueThreadState?)t.State).SingleOrDefaultAsync();
    }
}

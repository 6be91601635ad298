using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpdeskBot.Outages;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Outages;

/// <summary>
/// Planned maintenance on a manual clock (announced 24 h and 1 h ahead, when it starts, and when it ends), the agents'
/// side in Teams (an outage opened with a command, updated from its card, the counts on it), and a configured channel's
/// one post per outage.
/// </summary>
public sealed class MaintenanceAndAgentTests : IAsyncLifetime
{
    private const string TeamId = "19:ops@thread.tacv2";
    private const string NoticeChannel = "19:it-status@thread.tacv2";
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private HelpdeskBotFactory _bot = null!;
    private FakeChannel _channel = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _bot = new HelpdeskBotFactory(new Dictionary<string, string?>
        {
            ["Bot:Retry:MaxRetries"] = "0",
            ["Outages:Channels:0:TeamId"] = TeamId,
            ["Outages:Channels:0:ChannelId"] = NoticeChannel,
        }, services => services.AddSingleton<TimeProvider>(_clock));
        _client = _bot.CreateClient();
        await using var scope = _bot.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(
        [
            (2, new PersonRecord("alexw@contoso.example", "Alex Wilber", "Finance", "London", TeamsId: "29:alex")),
            (3, new PersonRecord("meganb@contoso.example", "Megan Bowen", "IT", "Seattle", TeamsId: "29:megan", Roles: "agent")),
        ], PersonSource.Csv, default);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SaysAsync(string teamsId, string name, string text)
    {
        var message = TeamsActivities.Message(_channel.ServiceUrl, text, $"a:{teamsId[3..]}");
        message.From = new ChannelAccount(teamsId, name);
        return await _client.PostActivityAsync(message);
    }

    private IEnumerable<RecordedRequest> CardsTo(string conversation) =>
        _channel.Requests.Where(r => r.Method == "POST" && r.Path.Contains(Uri.EscapeDataString(conversation) + "/activities")
            && r.Body is { } b && b.TryGetProperty("attachments", out var a) && a.GetArrayLength() > 0);

    private List<string> TextsTo(string conversation) =>
        [.. _channel.Requests.Where(r => r.Method == "POST" && r.Path.Contains(Uri.EscapeDataString(conversation)) && r.Activity.Text is { Length: > 0 })
            .Select(r => r.Activity.Text!)];

    private async Task<int> PendingDueAsync()
    {
        await using var scope = _bot.Services.CreateAsyncScope();
        var now = _clock.GetUtcNow();
        return await scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>().Set<OutageNotice>()
            .CountAsync(n => n.State == NoticeState.Pending && n.NextAttemptAt <= now);
    }

    private async Task<int> RevisionShownAsync(string teamsId)
    {
        await using var scope = _bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
        var person = await db.People.SingleAsync(p => p.TeamsId == teamsId);
        return await db.Set<OutageNotice>().Where(n => n.PersonId == person.Id).Select(n => n.SentRevision).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task MaintenanceIsAnnouncedADayAndAnHourAheadWhenItStartsAndWhenItEnds()
    {
        Assert.Equal(HttpStatusCode.OK, (await SaysAsync("29:alex", "Alex Wilber", "hi")).StatusCode);
        var start = _clock.GetUtcNow() + TimeSpan.FromDays(3);
        var created = await _client.PostAsJsonAsync("/api/outages", new
        {
            kind = "maintenance", title = "SAP upgrade", services = new[] { "sap" }, start, end = start + TimeSpan.FromHours(4),
            message = "SAP will be unavailable during the upgrade.",
        });
        var scheduler = _bot.Services.GetRequiredService<OutageScheduler>();
        await scheduler.CheckAsync(default);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(CardsTo("a:alex"), r => CardTexts.Of(r.Activity.Attachments![0].Content!.Value).Contains("SAP upgrade"));

        _clock.Advance(TimeSpan.FromDays(2)); // 24 h before
        await scheduler.CheckAsync(default);
        await Poll.UntilAsync(async () => await PendingDueAsync() == 0 && await RevisionShownAsync("29:alex") == 2, "the day-ahead notice");
        var notice = CardsTo("a:alex").Single(r => CardTexts.Of(r.Activity.Attachments![0].Content!.Value).Contains("SAP upgrade"));
        Assert.Contains("Planned maintenance", CardTexts.Of(notice.Activity.Attachments![0].Content!.Value));

        _clock.Advance(TimeSpan.FromHours(23)); // 1 h before
        await scheduler.CheckAsync(default);
        await Poll.UntilAsync(async () => await RevisionShownAsync("29:alex") == 3, "the hour-ahead update");
        _clock.Advance(TimeSpan.FromHours(1)); // it starts: "is there an outage?" shows it
        await scheduler.CheckAsync(default);
        await Poll.UntilAsync(async () => await RevisionShownAsync("29:alex") == 4, "the start");
        var running = await _client.GetFromJsonAsync<JsonElement>("/api/outages?active=true");
        _clock.Advance(TimeSpan.FromHours(4)); // it ends
        await scheduler.CheckAsync(default);
        await Poll.UntilAsync(async () => await RevisionShownAsync("29:alex") == 5, "the end");
        // The card's edit is recorded before the message that says so goes: wait for that too.
        await Poll.UntilAsync(() => TextsTo("a:alex").Any(m => m.StartsWith("✅ SAP: SAP upgrade is finished", StringComparison.Ordinal)), "the message that it ended");

        Assert.Single(CardsTo("a:alex"), r => CardTexts.Of(r.Activity.Attachments![0].Content!.Value).Contains("SAP upgrade")); // one card, edited
        var last = _channel.Requests.Last(r => r.Method == "PUT" && r.Path.Contains(Uri.EscapeDataString("a:alex")));
        Assert.Contains("Maintenance finished", CardTexts.Of(last.Activity.Attachments![0].Content!.Value));
        Assert.Single(running.EnumerateArray());
        // The card is edited each time, and each change that matters says so in a new message (an edit does not notify).
        var messages = TextsTo("a:alex");
        Assert.Contains(messages, m => m.StartsWith("🔧 Reminder: SAP upgrade on SAP starts", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("🔧 SAP: SAP upgrade has started", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("✅ SAP: SAP upgrade is finished", StringComparison.Ordinal));
        Assert.Equal("Resolved", (await _client.GetFromJsonAsync<JsonElement>("/api/outages/OUT1000001")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnAgentOpensAnOutageInTeamsAndUpdatesItFromItsCardWhichShowsTheNoticesGoingOut()
    {
        Assert.Equal(HttpStatusCode.OK, (await SaysAsync("29:alex", "Alex Wilber", "hi")).StatusCode);
        var before = _channel.Requests.Count;
        Assert.Equal(HttpStatusCode.OK, (await SaysAsync("29:megan", "Megan Bowen", "outage vpn The VPN gateway in London is down")).StatusCode);
        await Poll.UntilAsync(() => _channel.Requests.Skip(before).Any(r => r.Path.Contains(Uri.EscapeDataString("a:megan")) && r.Body is { } b && b.GetRawText().Contains(OutageStatusCard.UpdateVerb)), "the agents' card");
        var card = _channel.Requests.Skip(before).First(r => r.Path.Contains(Uri.EscapeDataString("a:megan")) && r.Body is { } b && b.GetRawText().Contains(OutageStatusCard.UpdateVerb));
        await Poll.UntilAsync(async () => await RevisionShownAsync("29:alex") == 1, "Alex's notice");

        var press = TeamsActivities.Invoke(_channel.ServiceUrl, "adaptiveCard/action", new
        {
            action = new { type = "Action.Execute", verb = OutageStatusCard.UpdateVerb, data = new { outage = 1, status = "Identified", message = "A failed certificate renewal" } },
        });
        press.From = new ChannelAccount("29:megan", "Megan Bowen");
        press.Conversation = new ConversationAccount { Id = "a:megan", ConversationType = "personal" };
        press.ReplyToId = "activity-1";
        var updated = CardTexts.Of((await (await _client.PostActivityAsync(press)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value"));
        await Poll.UntilAsync(async () => await RevisionShownAsync("29:alex") == 2, "Alex's card edited");

        var opened = CardTexts.Of(card.Activity.Attachments![0].Content!.Value);
        Assert.Contains("The VPN gateway in London is down", opened);
        Assert.Contains("up to date", opened);
        Assert.Contains("Updated: everyone's card is being changed.", updated);
        Assert.Contains("Identified", updated);
        var alexCard = _channel.Requests.Last(r => r.Method == "PUT" && r.Path.Contains(Uri.EscapeDataString("a:alex")));
        Assert.Contains("A failed certificate renewal", CardTexts.Of(alexCard.Activity.Attachments![0].Content!.Value));

        // Someone who is no agent typing the same is asking a question, not opening an outage.
        await SaysAsync("29:alex", "Alex Wilber", "outage email everything is broken");
        Assert.Equal(1, (await _client.GetFromJsonAsync<JsonElement>("/api/outages")).GetArrayLength());
    }

    [Fact]
    public async Task AConfiguredChannelGetsOnePostPerOutageEditedInPlace()
    {
        var install = TeamsActivities.BotInstalledInTeam(_channel.ServiceUrl, TeamId);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostActivityAsync(install)).StatusCode);

        await _client.PostAsJsonAsync("/api/outages", new { title = "Teams calls drop", services = new[] { "teams" } });
        await Poll.UntilAsync(() => _channel.Requests.Any(r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("v3/conversations") && r.Body is { } b
            && b.GetRawText().Contains(NoticeChannel) && b.GetRawText().Contains("Teams calls drop")), "the channel's post");
        await _client.PostAsJsonAsync("/api/outages/OUT1000001/resolve", new { message = "A faulty media relay was replaced." });
        await Poll.UntilAsync(() => _channel.Requests.Any(r => r.Method == "PUT" && r.Path.Contains(Uri.EscapeDataString(NoticeChannel))
            && r.Body is { } b && b.GetRawText().Contains("faulty media relay")), "the post edited");

        Assert.Single(_channel.Requests, r => r.Method == "POST" && r.Body is { } b && b.GetRawText().Contains(NoticeChannel));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HelpdeskBot.Outages;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Outages;

/// <summary>
/// Outages over the real protocol: monitoring's alerts open and resolve them, each affected person gets one card in
/// their 1:1 chat that is edited in place, a 429 or 503 delays only that notice, and problem reports are answered with
/// the outage instead of a new incident.
/// </summary>
public abstract class OutageTestsOn(string provider) : BotWithChannel(new HelpdeskBotFactory(new Dictionary<string, string?>
{
    ["Database:Provider"] = provider,
    ["Bot:Retry:MaxRetries"] = "0",
    ["Outages:Broadcast:RatePerSecond"] = "500",
}))
{
    // Alex: Finance in London (email, vpn, network, wifi-london, printing, sap); Ben: HR in Paris (email and Teams only).
    private static readonly (string TeamsId, string Name, string Department, string Location)[] Staff =
    [
        ("29:alex", "Alex Wilber", "Finance", "London"),
        ("29:ben", "Ben Walters", "HR", "Paris"),
        ("29:cara", "Cara Coleman", "Sales", "Seattle"),
    ];

    private async Task StaffAsync(bool chatted = true)
    {
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(
                [.. Staff.Select((p, i) => (i + 2, new PersonRecord($"{p.TeamsId[3..]}@contoso.example", p.Name, p.Department, p.Location, TeamsId: p.TeamsId)))],
                PersonSource.Csv, default);
        }

        if (chatted)
        {
            foreach (var person in Staff)
            {
                Assert.Equal(HttpStatusCode.OK, (await SaysAsync(person.TeamsId, "hi")).StatusCode);
            }
        }
    }

    private static string ChatOf(string teamsId) => $"a:{teamsId[3..]}-personal";

    private async Task<HttpResponseMessage> SaysAsync(string teamsId, string text)
    {
        var message = TeamsActivities.Message(Channel.ServiceUrl, text, ChatOf(teamsId));
        message.From = new ChannelAccount(teamsId, Staff.Single(p => p.TeamsId == teamsId).Name);
        return await Client.PostActivityAsync(message);
    }

    private async Task<JsonElement> SaidAsync(string teamsId, string text)
    {
        var before = Channel.Requests.Count;
        Assert.Equal(HttpStatusCode.OK, (await SaysAsync(teamsId, text)).StatusCode);
        await Poll.UntilAsync(() => Channel.Requests.Skip(before).Any(r => r.Method == "POST" && Posted(r, teamsId)), "the bot's answer");
        return Channel.Requests.Skip(before).First(r => r.Method == "POST" && Posted(r, teamsId)).Body!.Value;
    }

    private static bool Posted(RecordedRequest r, string teamsId) => r.Path.Contains(Uri.EscapeDataString(ChatOf(teamsId)) + "/activities");

    private static string Alertmanager(string status, params (string Fingerprint, string Service)[] alerts) => JsonSerializer.Serialize(new
    {
        version = "4", status, receiver = "helpdesk", groupKey = "{}:{alertname=\"MailFlow\"}",
        groupLabels = new { alertname = "MailFlow" }, commonLabels = new { }, commonAnnotations = new { }, externalURL = "http://alertmanager:9093",
        alerts = alerts.Select(a => new
        {
            status,
            labels = new Dictionary<string, string> { ["alertname"] = "MailFlow", ["service"] = a.Service, ["instance"] = a.Fingerprint },
            annotations = new { summary = "Mail flow is down", description = "Messages are queued and not delivered" },
            startsAt = "2026-12-05T09:00:00Z",
            endsAt = status == "resolved" ? "2026-12-05T10:00:00Z" : "0001-01-01T00:00:00Z",
            generatorURL = "http://prometheus:9090/graph",
            fingerprint = a.Fingerprint,
        }),
    });

    private Task<HttpResponseMessage> AlertAsync(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonElement> OutageAsync(string number = "OUT1000001") =>
        await Client.GetFromJsonAsync<JsonElement>($"/api/outages/{number}");

    private async Task UntilDeliveredAsync(string number = "OUT1000001")
    {
        await Poll.UntilAsync(async () =>
        {
            var delivery = (await OutageAsync(number)).GetProperty("delivery");
            return delivery.GetProperty("pending").GetInt32() == 0;
        }, "every notice dealt with", TimeSpan.FromSeconds(30));
    }

    private IEnumerable<RecordedRequest> CardsTo(string teamsId, string method = "POST") =>
        Channel.Requests.Except(Channel.Refused).Where(r => r.Method == method && Posted(r, teamsId) && r.Body is { } b && b.TryGetProperty("attachments", out var a) && a.GetArrayLength() > 0
            && CardTexts.Of(a[0].GetProperty("content")).Contains("OUT1000001"));

    private async Task<T> InDatabaseAsync<T>(Func<HelpdeskDbContext, Task<T>> query)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>());
    }

    [Fact]
    public async Task AnAlertmanagerAlertOpensAnOutageAndEveryoneWhoDependsOnTheServiceGetsOneCard()
    {
        await StaffAsync();

        var response = await AlertAsync("/api/alerts/alertmanager", Alertmanager("firing", ("fp-1", "vpn")));
        await UntilDeliveredAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OUT1000001", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("opened")[0].GetString());
        var outage = await OutageAsync();
        Assert.Equal(("Mail flow is down", "Investigating"), (outage.GetProperty("title").GetString(), outage.GetProperty("status").GetString()));
        // vpn: Finance and Sales depend on it, HR does not.
        Assert.Single(CardsTo("29:alex"));
        Assert.Single(CardsTo("29:cara"));
        Assert.Empty(CardsTo("29:ben"));
        Assert.Equal(2, outage.GetProperty("delivery").GetProperty("sent").GetInt32());
    }

    [Fact]
    public async Task TheBroadcastIsCountedInCardsSentAndItsQueueEmptiesWhenDelivered()
    {
        await StaffAsync();
        using var metrics = new Observability.MetricsRecorder(Bot.Services, HelpdeskBot.Observability.HelpdeskMetrics.MeterName);

        await AlertAsync("/api/alerts/alertmanager", Alertmanager("firing", ("fp-1", "vpn")));
        await UntilDeliveredAsync();

        // vpn: Alex and Cara, one new card each; every notice claimed was also dealt with.
        await Poll.UntilAsync(() => metrics.Of("helpdesk.outage.cards.sent").Sum(m => m.Value) == 2, "both cards are counted");
        Assert.All(metrics.Of("helpdesk.outage.cards.sent"), m => Assert.Equal("new", m.Tags["outage.send"]));
        await Poll.UntilAsync(() => metrics.Of("helpdesk.outage.notices.queued").Sum(m => m.Value) == 0, "the queue is empty again");
        Assert.Contains(metrics.Of("helpdesk.outage.notices.queued"), m => m.Value > 0);
    }

    [Fact]
    public async Task RepeatsAndAStormOfAThousandAlertsMakeOneOutageAndNoSecondCard()
    {
        await StaffAsync();
        Assert.Equal(HttpStatusCode.OK, (await AlertAsync("/api/alerts/alertmanager", Alertmanager("firing", ("fp-1", "email")))).StatusCode);
        await UntilDeliveredAsync();

        var repeat = await AlertAsync("/api/alerts/alertmanager", Alertmanager("firing", ("fp-1", "email")));
        var storm = await Task.WhenAll(Enumerable.Range(0, 4).Select(batch => AlertAsync("/api/alerts/alertmanager",
            Alertmanager("firing", [.. Enumerable.Range(0, 250).Select(i => ($"storm-{batch}-{i}", "email"))]))));
        await UntilDeliveredAsync();

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.All(storm, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await InDatabaseAsync(db => db.Set<Outage>().CountAsync()));
        Assert.Equal(1001, await InDatabaseAsync(db => db.Set<OutageAlert>().CountAsync()));
        Assert.All(Staff, p => Assert.Single(CardsTo(p.TeamsId)));
        Assert.DoesNotContain(Channel.Requests, r => r.Method == "PUT"); // nothing new to tell
    }

    [Fact]
    public async Task ResolvedAlertsResolveTheOutageTheCardIsEditedInPlaceAndAShortMessageFollows()
    {
        await StaffAsync();
        await AlertAsync("/api/alerts/alertmanager", Alertmanager("firing", ("fp-1", "email"), ("fp-2", "email")));
        await UntilDeliveredAsync();

        await AlertAsync("/api/alerts/alertmanager", Alertmanager("resolved", ("fp-1", "email")));
        Assert.Equal("Investigating", (await OutageAsync()).GetProperty("status").GetString()); // fp-2 still fires
        await AlertAsync("/api/alerts/alertmanager", Alertmanager("resolved", ("fp-2", "email")));
        await UntilDeliveredAsync();
        await Poll.UntilAsync(() => Channel.Requests.Any(r => r.Method == "POST" && Posted(r, "29:ben") && r.Activity.Text?.Contains("is resolved") == true), "the short message");

        Assert.Equal("Resolved", (await OutageAsync()).GetProperty("status").GetString());
        var edits = CardsTo("29:ben", "PUT").ToList();
        var edit = Assert.Single(edits);
        Assert.Single(CardsTo("29:ben")); // still one card
        Assert.Contains("Resolved", CardTexts.Of(edit.Activity.Attachments![0].Content!.Value));
        var notice = await InDatabaseAsync(db => db.Set<OutageNotice>().SingleAsync(n => n.Recipient == "person:" + db.People.Single(p => p.TeamsId == "29:ben").Id));
        Assert.EndsWith($"/activities/{notice.ActivityId}", edit.Path);
        Assert.Single(Channel.Requests, r => r.Method == "POST" && Posted(r, "29:ben") && r.Activity.Text?.Contains("is resolved") == true);
    }

    [Fact]
    public async Task A429AndA503DelayOnlyThoseNoticesAndEveryoneStillGetsExactlyOneCard()
    {
        await StaffAsync();
        Channel.RetryAfterSeconds = 1;
        foreach (var status in new[] { 429, 503, 503 })
        {
            Channel.FailWith.Enqueue(status);
        }

        await AlertAsync("/api/alerts/generic", """{"service":"email","title":"Exchange Online is down"}""");
        await UntilDeliveredAsync();

        Assert.All(Staff, p => Assert.Single(CardsTo(p.TeamsId)));
        Assert.True(Channel.Requests.Count(r => r.Method == "POST" && r.Path.Contains("/activities")) >= Staff.Length + 3);
        var delivery = (await OutageAsync()).GetProperty("delivery");
        Assert.Equal((3, 0, 0), (delivery.GetProperty("sent").GetInt32(), delivery.GetProperty("failed").GetInt32(), delivery.GetProperty("unreachable").GetInt32()));
    }

    [Fact]
    public async Task AnUpdateWhileTheFirstNoticeGoesOutNeverGivesAnyoneTwoCards()
    {
        await StaffAsync();
        await AlertAsync("/api/alerts/generic", """{"service":"email","title":"Exchange Online is down"}""");
        var updated = await Client.PostAsJsonAsync("/api/outages/OUT1000001/updates", new { status = "identified", message = "A certificate expired" });
        await UntilDeliveredAsync();

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        foreach (var person in Staff)
        {
            Assert.Single(CardsTo(person.TeamsId));
            var last = Channel.Requests.Last(r => Posted(r, person.TeamsId) && r.Body is { } b && b.TryGetProperty("attachments", out var a) && a.GetArrayLength() > 0);
            Assert.Contains("A certificate expired", CardTexts.Of(last.Activity.Attachments![0].Content!.Value));
        }
    }

    [Fact]
    public async Task SomeoneTheBotNeverTalkedToGetsAChatOpenedAndSomeoneWithoutATeamsIdIsCountedUnreachable()
    {
        await StaffAsync(chatted: false);
        Assert.Equal(HttpStatusCode.OK, (await SaysAsync("29:alex", "hi")).StatusCode); // the bot is used in this tenant
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(
            [
                (9, new PersonRecord("nobody@contoso.example", "No Teams", "Finance", "London")),
                (10, new PersonRecord("dan@contoso.example", "Dan Jump", "Finance", "London", TeamsId: "29:dan")),
            ], PersonSource.Csv, default);
        }

        // The app is not installed for Dan: Teams refuses to open a chat with him.
        Channel.RefuseWhen = r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("v3/conversations", StringComparison.Ordinal)
            && r.Body is { } b && b.GetRawText().Contains("29:dan") ? 403 : null;

        await AlertAsync("/api/alerts/generic", """{"service":"email","title":"Exchange Online is down"}""");
        await UntilDeliveredAsync();

        var delivery = (await OutageAsync()).GetProperty("delivery");
        Assert.Equal((3, 2), (delivery.GetProperty("sent").GetInt32(), delivery.GetProperty("unreachable").GetInt32()));
        Assert.Equal(3, Channel.Requests.Count(r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("v3/conversations", StringComparison.Ordinal)));
        var report = await Client.GetFromJsonAsync<JsonElement>("/api/outages/OUT1000001/deliveries?state=unreachable");
        var reasons = report.GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("error").GetString()).ToList();
        Assert.Contains(reasons, r => r!.Contains("no Teams id"));
        Assert.Contains(reasons, r => r!.Contains("403"));
    }

    [Fact]
    public async Task AProblemReportOnAServiceWithAnOutageGetsTheOutageAndImAffectedTooCountsThem()
    {
        await StaffAsync();
        await AlertAsync("/api/alerts/generic", """{"service":"email","title":"Exchange Online is down"}""");
        await UntilDeliveredAsync();

        var answer = await SaidAsync("29:alex", "outlook won't send anything");
        var card = answer.GetProperty("attachments")[0].GetProperty("content");
        var press = TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action", new
        {
            action = new { type = "Action.Execute", verb = OutageCard.AffectedVerb, data = card.GetProperty("actions")[0].GetProperty("data") },
        });
        press.From = new ChannelAccount("29:alex", "Alex Wilber");
        press.Conversation = new ConversationAccount { Id = ChatOf("29:alex"), ConversationType = "personal" };
        var pressed = await Client.PostActivityAsync(press);

        Assert.Contains("Exchange Online is down", CardTexts.Of(card));
        Assert.Equal(["I'm affected too", "This is something else"], card.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()));
        Assert.Contains("you're counted (1 affected", CardTexts.Of((await pressed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value")));
        var delivery = (await OutageAsync()).GetProperty("delivery");
        Assert.Equal((1, 1), (delivery.GetProperty("affected").GetInt32(), delivery.GetProperty("deflections").GetInt32()));
        Assert.Equal(0, await InDatabaseAsync(db => db.Set<Ticket>().CountAsync()));
    }

    [Fact]
    public async Task TheIncidentFormWithTheServicePickedGetsTheOutageAndSomethingElseFilesItAnyway()
    {
        await StaffAsync();
        await AlertAsync("/api/alerts/generic", """{"service":"vpn","title":"VPN gateway is down"}""");
        await UntilDeliveredAsync(); // Alex's notice first, so the next message is the form
        var form = (await SaidAsync("29:alex", "report an incident")).GetProperty("attachments")[0].GetProperty("content");
        var data = JsonSerializer.SerializeToNode(form.GetProperty("actions")[0].GetProperty("data"))!.AsObject();
        data["service"] = "vpn";
        data["description"] = "Cannot connect from home";
        data["affected"] = "me";
        data["urgency"] = "medium";

        var deflected = await ExecuteAsync("29:alex", "catalog.submit", data);
        Assert.Contains(deflected.GetProperty("actions").EnumerateArray(), a => a.GetProperty("title").GetString() == "This is something else");
        var other = deflected.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("title").GetString() == "This is something else");
        var filed = await ExecuteAsync("29:alex", other.GetProperty("verb").GetString()!, JsonSerializer.SerializeToNode(other.GetProperty("data"))!.AsObject());

        Assert.Contains("VPN gateway is down", CardTexts.Of(deflected));
        Assert.Contains("INC0001001", CardTexts.Of(filed));
        Assert.Equal(1, await InDatabaseAsync(db => db.Set<Ticket>().CountAsync()));
    }

    [Fact]
    public async Task OpenIncidentsOnTheServiceAreAttachedWhenTheOutageOpensAndAnAgentCanAttachMore()
    {
        await StaffAsync();
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            var tickets = scope.ServiceProvider.GetRequiredService<TicketService>();
            await tickets.CreateAsync(new NewTicket(TicketKind.Incident, "VPN drops", "29:ben", CatalogItemId: "report-incident",
                Fields: """{"service":"vpn","description":"drops"}"""), SubmissionKey.Api("tests", "vpn-1"));
            await tickets.CreateAsync(new NewTicket(TicketKind.Incident, "Printer jam", "29:ben", CatalogItemId: "report-incident",
                Fields: """{"service":"printing","description":"jam"}"""), SubmissionKey.Api("tests", "print-1"));
        }

        await AlertAsync("/api/alerts/generic", """{"service":"vpn","title":"VPN gateway is down"}""");
        var attached = await Client.PostAsJsonAsync("/api/outages/OUT1000001/incidents", new { ticket = "INC0001002" });
        var missing = await Client.PostAsJsonAsync("/api/outages/OUT1000001/incidents", new { ticket = "INC0009999" });
        await UntilDeliveredAsync();

        Assert.Equal(HttpStatusCode.OK, attached.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(["INC0001001", "INC0001002"], (await OutageAsync()).GetProperty("incidents").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Single(CardsTo("29:ben")); // HR, but his open ticket is on the VPN
    }

    private async Task<JsonElement> ExecuteAsync(string teamsId, string verb, System.Text.Json.Nodes.JsonObject data)
    {
        var press = TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action", new { action = new { type = "Action.Execute", verb, data } });
        press.From = new ChannelAccount(teamsId, "Alex Wilber");
        press.Conversation = new ConversationAccount { Id = ChatOf(teamsId), ConversationType = "personal" };
        var response = await Client.PostActivityAsync(press);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value");
    }

    [Fact]
    public async Task IsThereAnOutageListsTheActiveOnesOrSaysThereAreNone()
    {
        await StaffAsync();
        var none = CardTexts.Of((await SaidAsync("29:ben", "is there an outage?")).GetProperty("attachments")[0].GetProperty("content"));
        var vpnNone = CardTexts.Of((await SaidAsync("29:ben", "is the VPN down?")).GetProperty("attachments")[0].GetProperty("content"));
        await AlertAsync("/api/alerts/generic", """{"service":"vpn","title":"VPN gateway is down"}""");
        var one = CardTexts.Of((await SaidAsync("29:ben", "any known issues")).GetProperty("attachments")[0].GetProperty("content"));

        Assert.Contains("No known outages right now", none);
        Assert.Contains("No known outage on VPN right now", vpnNone);
        Assert.Contains("VPN gateway is down", one);
    }

    [Fact]
    public async Task EmailIsDownWithNoKnownOutageOpensTheIncidentFormNotAnArticle()
    {
        await StaffAsync();

        var said = await SaidAsync("29:ben", "email is down for everyone in my team");
        await Poll.UntilAsync(() => Channel.Requests.Count(r => r.Method == "POST" && Posted(r, "29:ben")) >= 3, "the form after the line"); // hi, then the line and the form

        Assert.Contains("I don't know of an outage on Email / Outlook", said.GetProperty("text").GetString());
        var form = Channel.Requests.Last(r => r.Method == "POST" && Posted(r, "29:ben")).Activity.Attachments![0].Content!.Value;
        Assert.Equal("email", CardTexts.InputValue(form, "service"));
    }

    [Fact]
    public async Task SubscribingAddsSomeoneToAServicesNoticesAndUnsubscribingTakesThemOff()
    {
        await StaffAsync();
        var on = await SaidAsync("29:ben", "subscribe to vpn");
        var off = await SaidAsync("29:alex", "unsubscribe from vpn");
        var notOff = await SaidAsync("29:cara", "stop printing");
        var offToo = await SaidAsync("29:cara", "stop outage notices for teams");

        await AlertAsync("/api/alerts/generic", """{"service":"vpn","title":"VPN gateway is down"}""");
        await UntilDeliveredAsync();

        Assert.Contains("I'll tell you about outages and maintenance on VPN", on.GetProperty("text").GetString());
        Assert.Contains("no more outage notices about VPN", off.GetProperty("text").GetString());
        Assert.DoesNotContain("no more outage notices", notOff.GetRawText());
        Assert.Contains("no more outage notices about Microsoft Teams", offToo.GetProperty("text").GetString());
        Assert.Single(CardsTo("29:ben"));
        Assert.Empty(CardsTo("29:alex"));
        Assert.Single(CardsTo("29:cara"));
    }

    [Fact]
    public async Task ABadPayloadIs400WithTheReasonAndLeavesNothing()
    {
        await StaffAsync();
        var badType = await AlertAsync("/api/alerts/alertmanager", """{"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"service":5}}]}""");
        var notJson = await AlertAsync("/api/alerts/generic", "{ not json");
        var unknown = await Client.PostAsJsonAsync("/api/outages", new { title = "Down", services = new[] { "mainframe" } });

        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Contains("alerts[0].labels.service", await badType.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("mainframe", await unknown.Content.ReadAsStringAsync());
        Assert.Equal((0, 0, 0), (await InDatabaseAsync(db => db.Set<Outage>().CountAsync()), await InDatabaseAsync(db => db.Set<OutageAlert>().CountAsync()),
            await InDatabaseAsync(db => db.Set<OutageNotice>().CountAsync())));
    }

    [Fact]
    public async Task TheServiceMapIsReadAndWrittenThroughTheApi()
    {
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/services");
        var put = await Client.PutAsJsonAsync("/api/services/wifi-paris", new { name = "Wi-Fi in Paris", aliases = new[] { "paris wifi" }, locations = new[] { "Paris" } });
        var bad = await Client.PutAsJsonAsync("/api/services/Bad Id", new { name = "x" });
        await StaffAsync();
        await Client.PostAsJsonAsync("/api/outages", new { title = "Paris Wi-Fi down", services = new[] { "wifi-paris" }, impact = "No wireless on floors 1-3" });
        await UntilDeliveredAsync();

        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("id").GetString() == "email" && s.GetProperty("everyone").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Single(CardsTo("29:ben")); // in Paris
        Assert.Empty(CardsTo("29:alex"));
    }
}

public sealed class OutageTests() : OutageTestsOn(TestDatabases.Sqlite);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class OutageTestsOnPostgreSQL() : OutageTestsOn(TestDatabases.PostgreSQL);

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HelpdeskBot.People;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>/api/tickets over HTTP with two agent keys, a reader key and a people admin key (no ticket role).</summary>
public sealed class TicketsApiTests() : TicketsApp(Settings)
{
    private const string AgentKey = "tickets-agent-key-0123456789";
    private const string OtherAgentKey = "tickets-agent-key-abcdefghij";
    private const string ReaderKey = "tickets-reader-key-012345678";
    private const string PeopleKey = "people-admin-key-0123456789";

    private static Dictionary<string, string?> Settings => new()
    {
        ["Api:Keys:0:Name"] = "servicedesk",
        ["Api:Keys:0:Key"] = AgentKey,
        ["Api:Keys:0:Roles:0"] = "tickets-agent",
        ["Api:Keys:1:Name"] = "monitoring",
        ["Api:Keys:1:Key"] = OtherAgentKey,
        ["Api:Keys:1:Roles:0"] = "tickets-agent",
        ["Api:Keys:2:Name"] = "dashboard",
        ["Api:Keys:2:Key"] = ReaderKey,
        ["Api:Keys:2:Roles:0"] = "tickets-reader",
        ["Api:Keys:3:Name"] = "hr-sync",
        ["Api:Keys:3:Key"] = PeopleKey,
        ["Api:Keys:3:Roles:0"] = "people-admin",
    };

    private HttpClient? _client;

    private HttpClient Client => _client ??= App.CreateClient();

    private static object Incident(string title = "VPN is down for the whole office", string requester = "29:ann") => new
    {
        kind = "incident", title, requesterId = requester, impact = "high", urgency = "High",
        description = "Nobody can connect since 9:00.", assignmentGroup = "network",
    };

    private Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string url, object? body = null, string? key = AgentKey, string? idempotencyKey = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        if (idempotencyKey is not null) request.Headers.Add(TicketsApi.IdempotencyKeyHeader, idempotencyKey);
        return (client ?? Client).SendAsync(request);
    }

    private Task<HttpResponseMessage> PostAsync(string url, object body, string? key = AgentKey, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, url, body, key, idempotencyKey);

    private async Task<string> CreateAsync(object ticket, string? idempotencyKey = null)
    {
        var response = await PostAsync("/api/tickets", ticket, idempotencyKey: idempotencyKey);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("number").GetString()!;
    }

    private async Task<JsonElement> GetAsync(string url, string key = AgentKey)
    {
        var response = await SendAsync(HttpMethod.Get, url, key: key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    private async Task<string[]> NumbersAsync(string query) =>
        [.. (await GetAsync($"/api/tickets?{query}")).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("number").GetString()!)];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task AChatSubmitCannotPreemptAnApiClientsIdempotencyKey()
    {
        var submit = TeamsActivities.Invoke("http://127.0.0.1:1/", "adaptiveCard/action", new
        {
            action = new
            {
                type = "Action.Execute", verb = "catalog.submit",
                data = new { action = "catalog.submit", item = "software-install", token = "api:servicedesk:ALERT-1796467607", software = "visio", computerName = "LT-12345" },
            },
        });
        await Client.PostActivityAsync(submit);

        var response = await PostAsync("/api/tickets", Incident(), idempotencyKey: "ALERT-1796467607");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Incident", (await JsonAsync(response)).GetProperty("kind").GetString());
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await JsonAsync(response)).GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task ACreatedTicketHasALocationAndReadsBackWithItsFieldsAndJournalUnderAnyCaseOfItsNumber()
    {
        var response = await PostAsync("/api/tickets", new
        {
            kind = "request", title = "Access to the finance share", requesterId = "29:ann", impact = "medium", urgency = "low",
            catalogItemId = "access-request", approverId = "29:boss", fields = new { system = "finance-share", level = "read" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/tickets/REQ0001001", response.Headers.Location?.OriginalString);
        var ticket = await GetAsync("/api/tickets/req0001001", ReaderKey);
        Assert.Equal(("REQ0001001", "Request", "New", "P4", "Medium", "Low", "Pending", "29:boss"), (
            ticket.GetProperty("number").GetString(), ticket.GetProperty("kind").GetString(), ticket.GetProperty("state").GetString(),
            ticket.GetProperty("priority").GetString(), ticket.GetProperty("impact").GetString(), ticket.GetProperty("urgency").GetString(),
            ticket.GetProperty("approval").GetString(), ticket.GetProperty("approverId").GetString()));
        Assert.Equal("finance-share", ticket.GetProperty("fields").GetProperty("system").GetString());
        Assert.Equal(JsonValueKind.Null, ticket.GetProperty("resolutionDueAt").ValueKind); // clocks wait for the approval
        // first: the approval card may already have been tried in the background (no chat reaches 29:boss: ApprovalStuck)
        var created = ticket.GetProperty("journal").EnumerateArray().First();
        Assert.Equal(("Created", "29:ann"), (created.GetProperty("kind").GetString(), created.GetProperty("actor").GetString()));
        Assert.Equal(Clock.GetUtcNow(), ticket.GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task EachListFilterNarrowsTheListAndFiltersCombineNewestFirst()
    {
        var incident = await CreateAsync(Incident());
        var password = await CreateAsync(new { kind = "request", title = "Password reset", requesterId = "29:bob", impact = "low", urgency = "low", catalogItemId = "password-reset" });
        var access = await CreateAsync(new { kind = "request", title = "Finance share access", requesterId = "29:ann", impact = "medium", urgency = "medium", approverId = "29:boss" });
        Assert.Equal(HttpStatusCode.OK, (await PostAsync($"/api/tickets/{incident}/assignment", new { assigneeId = "29:agent" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync($"/api/tickets/{password}/state", new { state = "in-progress" })).StatusCode);

        Assert.Equal([access, password, incident], await NumbersAsync(""));
        Assert.Equal([incident], await NumbersAsync("state=assigned"));
        Assert.Equal([password], await NumbersAsync("state=InProgress"));
        Assert.Equal([password, incident], await NumbersAsync("state=in-progress,ASSIGNED"));
        Assert.Equal([incident], await NumbersAsync("kind=incident"));
        Assert.Equal([incident], await NumbersAsync("priority=p1"));
        Assert.Equal([access, incident], await NumbersAsync("requester=29:ann"));
        Assert.Equal([incident], await NumbersAsync("assignmentGroup=NETWORK"));
        Assert.Equal([incident], await NumbersAsync("assignee=29:agent"));
        Assert.Equal([access], await NumbersAsync("approval=pending"));
        Assert.Equal([password, incident], await NumbersAsync("approval=not-required"));
        Assert.Equal([access, password], await NumbersAsync("q=req"));
        Assert.Equal([password], await NumbersAsync("q=RESET"));
        Assert.Equal([password], await NumbersAsync($"q={password.ToLowerInvariant()}"));
        Assert.Equal([access], await NumbersAsync("q=FINANCE"));
        Assert.Empty(await NumbersAsync("q=%25"));
        Assert.Equal([access], await NumbersAsync("kind=request&requester=29:ann"));
        Assert.Empty(await NumbersAsync("kind=incident&approval=pending"));
        var page = await GetAsync("/api/tickets?pageSize=1&page=2");
        Assert.Equal((3, 2, 1), (page.GetProperty("total").GetInt32(), page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        Assert.Equal(password, page.GetProperty("items")[0].GetProperty("number").GetString());
    }

    [Theory]
    [InlineData("state=open", "'open' is not a valid state", "New, Assigned, InProgress, Pending, Resolved, Closed, Cancelled, Reopened")]
    [InlineData("kind=1", "'1' is not a valid kind", "Request, Incident")]
    [InlineData("priority=P9", "'P9' is not a valid priority", "P1, P2, P3, P4")]
    [InlineData("approval=pending,maybe", "'maybe' is not a valid approval", "NotRequired, Pending, Approved, Rejected")]
    public async Task ABadFilterValueIs400NamingTheParameterAndTheAllowedValues(string query, string problem, string allowed)
    {
        var response = await SendAsync(HttpMethod.Get, $"/api/tickets?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await DetailAsync(response);
        Assert.Contains(problem, detail);
        Assert.Contains(allowed, detail);
    }

    [Fact]
    public async Task TheSameIdempotencyKeyGivesTheSameTicketAndAnotherClientsSameKeyDoesNot()
    {
        var first = await PostAsync("/api/tickets", Incident(), idempotencyKey: "alert-42");
        var again = await PostAsync("/api/tickets", Incident("a retry, maybe reworded"), idempotencyKey: "alert-42");
        var otherClient = await PostAsync("/api/tickets", Incident(), key: OtherAgentKey, idempotencyKey: "alert-42");
        var noKey = await PostAsync("/api/tickets", Incident());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherClient.StatusCode);
        Assert.Equal(HttpStatusCode.Created, noKey.StatusCode);
        var number = (await JsonAsync(first)).GetProperty("number").GetString();
        Assert.Equal(number, (await JsonAsync(again)).GetProperty("number").GetString());
        Assert.Equal("VPN is down for the whole office", (await JsonAsync(again)).GetProperty("title").GetString());
        Assert.Equal(3, (await GetAsync("/api/tickets")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ParallelCreatesWithTheSameIdempotencyKeyMakeOneTicket()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync("/api/tickets", Incident(), idempotencyKey: "double-click")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        var numbers = await Task.WhenAll(responses.Select(async r => (await JsonAsync(r)).GetProperty("number").GetString()));
        Assert.Single(numbers.Distinct());
        Assert.Equal(1, (await GetAsync("/api/tickets")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AnIllegalTransitionIs409WithTheEntitysReasonAndChangesNothing()
    {
        var number = await CreateAsync(Incident());

        var response = await PostAsync($"/api/tickets/{number}/state", new { state = "closed", note = "done" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal($"{number} is New; it can be assigned, worked on or cancelled, not closed.", await DetailAsync(response));
        var ticket = await GetAsync($"/api/tickets/{number}");
        Assert.Equal("New", ticket.GetProperty("state").GetString());
        Assert.Single(ticket.GetProperty("journal").EnumerateArray());
    }

    [Fact]
    public async Task ALegalTransitionIsJournalledWithTheApiKeyNameAsTheActorAndItsNote()
    {
        var number = await CreateAsync(Incident());

        var response = await PostAsync($"/api/tickets/{number}/state", new { state = "InProgress", note = "Looking at the concentrator" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = await JsonAsync(response);
        Assert.Equal("InProgress", ticket.GetProperty("state").GetString());
        var moved = ticket.GetProperty("journal")[1];
        Assert.Equal(("StateChanged", "api:servicedesk", "New", "InProgress", "Looking at the concentrator"), (
            moved.GetProperty("kind").GetString(), moved.GetProperty("actor").GetString(), moved.GetProperty("from").GetString(),
            moved.GetProperty("to").GetString(), moved.GetProperty("text").GetString()));
        Assert.Contains(App.Logs, line => line.Contains($"Ticket {number} moved to InProgress through the API by servicedesk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AssigningAnAgentMovesANewTicketToAssignedAndNamingNobodyIs400()
    {
        var number = await CreateAsync(Incident());

        var response = await PostAsync($"/api/tickets/{number}/assignment", new { group = "network-l2", assigneeId = "29:agent" });
        var nobody = await PostAsync($"/api/tickets/{number}/assignment", new { group = " " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = await JsonAsync(response);
        Assert.Equal(("Assigned", "network-l2", "29:agent"), (ticket.GetProperty("state").GetString(),
            ticket.GetProperty("assignmentGroup").GetString(), ticket.GetProperty("assigneeId").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/state")]
    [InlineData("POST", "/assignment")]
    [InlineData("POST", "/comments")]
    [InlineData("POST", "/approver")]
    public async Task AnUnknownTicketIs404(string method, string suffix)
    {
        var body = new { state = "InProgress", group = "network", text = "hello", approver = "29:grace" };

        var response = await SendAsync(new HttpMethod(method), $"/api/tickets/INC0009999{suffix}", method == "GET" ? null : body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("INC0009999", await DetailAsync(response));
    }

    public static TheoryData<string, string, string?> BadTickets => new()
    {
        { """{"kind":"incident","requesterId":"29:ann","impact":"high","urgency":"high"}""", "The title is required", null },
        { """{"kind":"problem","title":"x","requesterId":"29:ann","impact":"high","urgency":"high"}""", "'problem' is not a valid kind; use one of: Request, Incident", null },
        { """{"kind":"incident","title":"x","requesterId":"29:ann","impact":"huge","urgency":"high"}""", "'huge' is not a valid impact", null },
        { """{"kind":"incident","title":"x","requesterId":"29:ann","impact":"high"}""", "urgency is required", null },
        { """{"kind":"incident","title":"x","impact":"high","urgency":"high"}""", "The requester id is required", null },
        { $$"""{"kind":"incident","title":"{{new string('t', 100_000)}}","requesterId":"29:ann","impact":"high","urgency":"high"}""", "The title can be at most 200 characters", null },
        { $$"""{"kind":"incident","title":"x","description":"{{new string('d', 100_000)}}","requesterId":"29:ann","impact":"high","urgency":"high"}""", "The description can be at most 8,000 characters", null },
        { """{"kind":"request","title":"x","requesterId":"29:ann","impact":"low","urgency":"low","fields":["a"]}""", "fields must be a JSON object", null },
        { $$"""{"kind":"incident","title":"x","description":"{{new string('A', 1_000)}}\u0000HIDDEN-TAIL","requesterId":"29:ann","impact":"high","urgency":"high"}""", "The description contains a NUL character (U+0000)", null },
        { """{"kind":"incident","title":"VPN\u0000 down","requesterId":"29:ann","impact":"high","urgency":"high"}""", "The title contains a NUL character", null },
        { """{"kind":"incident","title":"x","requesterId":"29:ann\u0000x","impact":"high","urgency":"high"}""", "The requester id contains a NUL character", null },
        { """{"kind":"request","title":"x","requesterId":"29:ann","impact":"low","urgency":"low","catalogItemId":"time-machine"}""", "There is no catalog item 'time-machine'", null },
        { """{"kind":"request","title":"x","requesterId":"29:ann","impact":"low","urgency":"low"}""", "Idempotency-Key header can be at most 128", new string('k', 129) },
    };

    [Theory]
    [MemberData(nameof(BadTickets))]
    public async Task ABadNewTicketIs400WithTheReasonAndCreatesNothing(string json, string problem, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", AgentKey);
        if (idempotencyKey is not null) request.Headers.Add(TicketsApi.IdempotencyKeyHeader, idempotencyKey);

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, await DetailAsync(response));
        Assert.Equal(0, (await GetAsync("/api/tickets")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ACommentIs201AndShowsInTheJournalAndBadOrLateCommentsAreRefused()
    {
        var number = await CreateAsync(Incident());

        var response = await PostAsync($"/api/tickets/{number}/comments", new { text = "Vendor ticket 1234 raised." });
        var empty = await PostAsync($"/api/tickets/{number}/comments", new { text = "  " });
        var tooLong = await PostAsync($"/api/tickets/{number}/comments", new { text = new string('c', 100_000) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var comment = await JsonAsync(response);
        Assert.Equal(("Comment", "api:servicedesk", "Vendor ticket 1234 raised."),
            (comment.GetProperty("kind").GetString(), comment.GetProperty("actor").GetString(), comment.GetProperty("text").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("A comment needs some text.", await DetailAsync(empty));
        var withNul = await PostAsync($"/api/tickets/{number}/comments", new { text = "Vendor ticket\u0000 HIDDEN-TAIL" });
        Assert.Equal(HttpStatusCode.BadRequest, withNul.StatusCode);
        Assert.Contains("NUL character", await DetailAsync(withNul));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var journal = (await GetAsync($"/api/tickets/{number}")).GetProperty("journal");
        Assert.Equal(["Created", "Comment"], journal.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));

        foreach (var state in new[] { "in-progress", "resolved", "closed" })
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync($"/api/tickets/{number}/state", new { state })).StatusCode);
        }

        var late = await PostAsync($"/api/tickets/{number}/comments", new { text = "One more thing" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("cannot be commented on", await DetailAsync(late));
    }

    [Theory]
    [InlineData("POST", "/api/tickets")]
    [InlineData("POST", "/api/tickets/INC0001001/state")]
    [InlineData("POST", "/api/tickets/INC0001001/assignment")]
    [InlineData("POST", "/api/tickets/INC0001001/comments")]
    [InlineData("POST", "/api/tickets/REQ0001001/approver")]
    public async Task AReaderKeyCannotWriteAndNoKeyIs401(string method, string url)
    {
        var body = new { kind = "incident", title = "x", requesterId = "29:ann", impact = "high", urgency = "high", state = "cancelled", text = "x", group = "g", approver = "29:grace" };

        var reader = await SendAsync(new HttpMethod(method), url, body, ReaderKey);
        var anonymous = await SendAsync(new HttpMethod(method), url, body, key: null);

        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (await GetAsync("/api/tickets")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AReaderKeyCanReadAndAKeyWithoutATicketRoleCannot()
    {
        var number = await CreateAsync(Incident());

        Assert.Equal(1, (await GetAsync("/api/tickets", ReaderKey)).GetProperty("total").GetInt32());
        Assert.Equal(number, (await GetAsync($"/api/tickets/{number}", ReaderKey)).GetProperty("number").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, "/api/tickets", key: PeopleKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, $"/api/tickets/{number}", key: null)).StatusCode);
    }

    [Fact]
    public async Task WithAMicrosoftAppIdAndNoKeysTheTicketsApiIs401()
    {
        await using var bot = new HelpdeskBotFactory(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppPassword"] = "secret",
        });
        var client = bot.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/tickets", Incident())).StatusCode);
    }

    [Fact]
    public async Task InOpenDevelopmentModeTheApiWorksWithoutAKeyAndSaysWhoWrote()
    {
        await using var bot = new HelpdeskBotFactory();
        var client = bot.CreateClient();

        var created = await client.PostAsJsonAsync("/api/tickets", Incident());
        var number = (await JsonAsync(created)).GetProperty("number").GetString();
        var moved = await client.PostAsJsonAsync($"/api/tickets/{number}/state", new { state = "in-progress" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.StartsWith("api:development", (await JsonAsync(moved)).GetProperty("journal")[1].GetProperty("actor").GetString());
        Assert.Contains(bot.Logs, line => line.Contains("read, create and change tickets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheTicketsEndpoints()
    {
        var document = JsonDocument.Parse(await Client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/tickets", "/api/tickets/{number}", "/api/tickets/{number}/state", "/api/tickets/{number}/assignment", "/api/tickets/{number}/comments", "/api/tickets/{number}/approver" })
        {
            Assert.True(paths.TryGetProperty(path, out var operations), path);
            Assert.All(operations.EnumerateObject().Where(o => o.Name is "get" or "post"),
                o => Assert.Equal("Tickets", o.Value.GetProperty("tags")[0].GetString()));
        }

        var create = paths.GetProperty("/api/tickets").GetProperty("post").GetProperty("responses");
        Assert.True(create.TryGetProperty("201", out _) && create.TryGetProperty("200", out _) && create.TryGetProperty("400", out _));
        Assert.True(paths.GetProperty("/api/tickets/{number}/state").GetProperty("post").GetProperty("responses").TryGetProperty("409", out _));
    }

    [Fact]
    public async Task AnAgentNamesAnotherApproverByEmailAndAnUnknownEmailOrTheRequesterIs400()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(
                [(2, new PersonRecord("alan@contoso.example", "Alan Turing"))], PersonSource.Csv, default);
        }

        var number = await CreateAsync(new { kind = "request", title = "Finance share", requesterId = "29:ann", impact = "low", urgency = "low", approverId = "29:grace" });

        var unknown = await PostAsync($"/api/tickets/{number}/approver", new { approver = "nobody@contoso.example" });
        var requester = await PostAsync($"/api/tickets/{number}/approver", new { approver = "29:ann" });
        var none = await PostAsync($"/api/tickets/{number}/approver", new { reason = "x" });
        var changed = await PostAsync($"/api/tickets/{number}/approver", new { approver = " Alan@Contoso.example ", reason = "Grace is on leave" });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (unknown.StatusCode, requester.StatusCode, none.StatusCode));
        Assert.Contains("nobody@contoso.example is not in the people directory", await DetailAsync(unknown));
        Assert.Contains("cannot approve their own request", await DetailAsync(requester));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var ticket = await JsonAsync(changed);
        Assert.Equal(("alan@contoso.example", "Pending"), (ticket.GetProperty("approverId").GetString(), ticket.GetProperty("approval").GetString()));
        var entry = ticket.GetProperty("journal").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "ApproverChanged");
        Assert.Equal(("ApproverChanged", "api:servicedesk", "29:grace", "alan@contoso.example", "Grace is on leave"),
            (entry.GetProperty("kind").GetString(), entry.GetProperty("actor").GetString(), entry.GetProperty("from").GetString(),
             entry.GetProperty("to").GetString(), entry.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task NamingAnApproverForATicketNeedingNoApprovalIs409()
    {
        var number = await CreateAsync(Incident());

        var response = await PostAsync($"/api/tickets/{number}/approver", new { approver = "29:grace" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("not waiting for approval", await DetailAsync(response));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HelpdeskBot.Knowledge.Articles;
using HelpdeskBot.Knowledge.Authoring;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Knowledge;

/// <summary>The knowledge REST API over HTTP, with the sample knowledge base and two API keys: an author and a key without roles.</summary>
public sealed class KnowledgeApiTests : IAsyncLifetime
{
    private const string AuthorKey = "author-key-0123456789abcdef";
    private const string NoRoleKey = "reader-key-0123456789abcdef";

    private readonly HelpdeskBotFactory _bot = new(new Dictionary<string, string?>
    {
        ["Knowledge:ArticlesPath"] = KnowledgeFixture.SampleArticles,
        ["Knowledge:Search:SynonymsPath"] = RepositoryRoot.Combine("knowledge", "synonyms.txt"),
        ["Api:Keys:0:Name"] = "alice",
        ["Api:Keys:0:Key"] = AuthorKey,
        ["Api:Keys:0:Roles:0"] = "kb-author",
        ["Api:Keys:1:Name"] = "dashboard",
        ["Api:Keys:1:Key"] = NoRoleKey,
    });

    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _bot.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static string Article(string title, string body, string tags = "[printing]") =>
        $"---\ntitle: {title}\ntags: {tags}\nservice: printing\n---\n{body}\n";

    private static HttpRequestMessage Request(HttpMethod method, string url, string? key = AuthorKey, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return request;
    }

    private Task<HttpResponseMessage> PutAsync(string id, string markdown, string query = "", string? key = AuthorKey) =>
        _client.SendAsync(Request(HttpMethod.Put, $"/api/kb/articles/{id}{query}", key, new StringContent(markdown, Encoding.UTF8, "text/markdown")));

    private Task<HttpResponseMessage> PostAsync(string url, string? key = AuthorKey) => _client.SendAsync(Request(HttpMethod.Post, url, key));

    private async Task<JsonElement> SearchAsync(string q)
    {
        var response = await _client.GetAsync($"/api/kb/search?q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hits = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Array, hits.ValueKind);
        return hits;
    }

    private async Task<string[]> SearchIdsAsync(string q) =>
        [.. (await SearchAsync(q)).EnumerateArray().Select(h => h.GetProperty("id").GetString()!)];

    [Fact]
    public async Task SearchReturnsIdTitleScoreConfidenceAndSnippetOfHitsAboveTheThreshold()
    {
        var hits = await SearchAsync("vpn wont connect from home");

        var best = hits[0];
        Assert.Equal("vpn-cannot-connect", best.GetProperty("id").GetString());
        Assert.Equal(["id", "title", "score", "confidence", "snippet"], best.EnumerateObject().Select(p => p.Name));
        Assert.All(hits.EnumerateArray(), h => Assert.True(h.GetProperty("confidence").GetDouble() >= 0.5));
        Assert.InRange(hits.GetArrayLength(), 1, 5);
    }

    [Fact]
    public async Task SearchReturnsAnEmptyArrayWhenItDeclines()
    {
        Assert.Equal(0, (await SearchAsync("when is payday this month")).GetArrayLength());
    }

    [Fact]
    public async Task ADeclinedSearchIsRecordedAsAGapUnlessRecordIsFalse()
    {
        await SearchAsync("when is payday this month");
        await SearchAsync("vpn wont connect from home"); // answered: no gap
        await _client.GetAsync("/api/kb/search?q=when+is+payday+this+month&record=false");
        await _client.PostAsJsonAsync("/api/kb/search", new { q = "what is on the canteen menu today", record = false });
        await _client.PostAsJsonAsync("/api/kb/search", new { q = "where can i park my car" });

        var gaps = await (await _client.SendAsync(Request(HttpMethod.Get, "/api/kb/gaps"))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(
            [("when is payday this month", 1), ("where can i park my car", 1)],
            gaps.EnumerateArray().Select(g => (g.GetProperty("example").GetString(), g.GetProperty("declined").GetInt32())).Order());
    }

    [Fact]
    public async Task TopIsClampedToTwenty()
    {
        var hits = await (await _client.GetAsync("/api/kb/search?q=password%20reset%20account%20wifi%20vpn%20laptop&top=500")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.InRange(hits.GetArrayLength(), 0, 20);
    }

    [Theory]
    [InlineData("/api/kb/search")]
    [InlineData("/api/kb/search?q=")]
    [InlineData("/api/kb/search?q=%20%20%09")]
    public async Task SearchWithoutAQuestionIsA400Problem(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("?q=", await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string> OddQuestions => new()
    {
        new string('a', 10_000),
        string.Concat(Enumerable.Repeat("vpn ", 2_500)),
        "🔥💻🔥 vpn 🙏",
        "الشبكة الافتراضية لا تتصل vpn",
        "\"vpn\" OR NEAR(a b) * ^ :title -x",
        "vpn\u0000\u0001\u001b[31m\r\n\t broken",
        "\ud800 lone surrogate",
    };

    [Theory]
    [MemberData(nameof(OddQuestions))]
    public async Task OddQuestionsGetAnArrayNotAnError(string question)
    {
        await SearchAsync(question);
    }

    [Theory]
    [MemberData(nameof(OddQuestions))]
    public async Task OddQuestionsPostedInTheBodyGetAnArrayNotAnError(string question)
    {
        var response = await _client.PostAsJsonAsync("/api/kb/search", new { q = question, top = 3 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await response.Content.ReadFromJsonAsync<JsonElement>()).ValueKind);
    }

    [Fact]
    public async Task APostedQuestionTooLongForAUrlIsAnsweredLikeAShortOne()
    {
        // 10,000 characters of context around the question: far beyond the 8 KB request line a GET may have.
        var question = "vpn wont connect from home " + string.Concat(Enumerable.Repeat("🙂 ", 4_990));

        var response = await _client.PostAsJsonAsync("/api/kb/search", new { q = question });
        var hits = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("vpn-cannot-connect", hits[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"q\": \"  \"}")]
    [InlineData("{\"q\": ")]
    [InlineData("[1, 2]")]
    public async Task APostedSearchWithoutAQuestionIsA400Problem(string body)
    {
        var response = await _client.PostAsync("/api/kb/search", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task APostedSearchThatIsNotJsonIsA400ProblemSayingSo()
    {
        var response = await _client.PostAsync("/api/kb/search", new StringContent("vpn not connecting", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WritesWithoutAKeyOrWithAWrongKeyAre401AndAKeyWithoutTheRoleIs403()
    {
        var markdown = Article("Printer jams", "Open tray 2 and remove the paper.");

        var none = await PutAsync("printer-jams", markdown, key: null);
        var wrong = await PutAsync("printer-jams", markdown, key: "not-the-key-0123456789");
        var noRole = await PutAsync("printer-jams", markdown, key: NoRoleKey);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, noRole.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(Request(HttpMethod.Get, "/api/kb/articles/printer-jams"))).StatusCode);
    }

    [Fact]
    public async Task TheAuthorKeyWorksAsXApiKeyAndAsBearerAndIsRecordedAsTheAuthor()
    {
        var viaHeader = await PutAsync("printer-jams", Article("Printer jams", "Open tray 2."));
        var bearer = new HttpRequestMessage(HttpMethod.Put, "/api/kb/articles/printer-jams")
        {
            Content = new StringContent(Article("Printer jams", "Open tray 2 and remove the paper."), Encoding.UTF8, "text/markdown"),
        };
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AuthorKey);
        var viaBearer = await _client.SendAsync(bearer);

        Assert.Equal(HttpStatusCode.Created, viaHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viaBearer.StatusCode);
        var versions = await (await _client.SendAsync(Request(HttpMethod.Get, "/api/kb/articles/printer-jams/versions"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.All(versions.EnumerateArray(), v => Assert.Equal("alice", v.GetProperty("author").GetString()));
    }

    [Fact]
    public async Task AnArticlePutAsMarkdownIsADraftUntilPublishedThenSearchFindsItAtOnce()
    {
        var markdown = Article("Plotter shows error E42", "## Fix\nPower cycle the plotter and clear the E42 queue.", "[plotter]");

        var put = await PutAsync("plotter-e42", markdown);
        var saved = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("/api/kb/articles/plotter-e42", put.Headers.Location?.OriginalString);
        Assert.Equal(("created", false), (saved.GetProperty("outcome").GetString(), saved.GetProperty("published").GetBoolean()));
        Assert.DoesNotContain("plotter-e42", await SearchIdsAsync("plotter error e42"));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/api/kb/articles/plotter-e42/publish")).StatusCode);
        Assert.Equal("plotter-e42", (await SearchIdsAsync("plotter error e42"))[0]);

        var again = await (await PutAsync("plotter-e42", markdown)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unchanged", again.GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync("/api/kb/articles/plotter-e42/publish")).StatusCode);
    }

    [Fact]
    public async Task PutWithPublishTrueSavesAndPublishesAChangedArticleInOneCall()
    {
        await PutAsync("plotter-e42", Article("Plotter shows error E42", "Power cycle the plotter.", "[plotter]"), "?publish=true");

        var changed = await PutAsync("plotter-e42", Article("Plotter shows error E42", "Power cycle the plotter, then clear the queue.", "[plotter]"), "?publish=true");

        var saved = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(("changed", true, 2), (saved.GetProperty("outcome").GetString(), saved.GetProperty("published").GetBoolean(),
            saved.GetProperty("article").GetProperty("publishedVersion").GetInt32()));
    }

    [Fact]
    public async Task RetiringTakesAnArticleOutOfSearchAtOnceAndASecondRetireIs409()
    {
        Assert.Contains("bitlocker-recovery-key", await SearchIdsAsync("bitlocker recovery key"));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/api/kb/articles/bitlocker-recovery-key/retire")).StatusCode);

        Assert.DoesNotContain("bitlocker-recovery-key", await SearchIdsAsync("bitlocker recovery key"));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/kb/articles/bitlocker-recovery-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync("/api/kb/articles/bitlocker-recovery-key/retire")).StatusCode);
    }

    [Fact]
    public async Task VersionsListNumberTitleAuthorCreatedAndStateAndNeedTheAuthorRole()
    {
        await PutAsync("plotter-e42", Article("Plotter E42", "Power cycle it."), "?publish=true");
        await PutAsync("plotter-e42", Article("Plotter error E42", "Power cycle it, then clear the queue."));

        var response = await _client.SendAsync(Request(HttpMethod.Get, "/api/kb/articles/plotter-e42/versions"));
        var versions = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(
            [(1, "Plotter E42", "published"), (2, "Plotter error E42", "draft")],
            versions.EnumerateArray().Select(v => (v.GetProperty("number").GetInt32(), v.GetProperty("title").GetString(), v.GetProperty("state").GetString())));
        Assert.Equal(["number", "title", "author", "created", "state"], versions[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetAsync("/api/kb/articles/plotter-e42/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(Request(HttpMethod.Get, "/api/kb/articles/nothing-here/versions"))).StatusCode);
    }

    [Fact]
    public async Task ReadersSeeThePublishedVersionAndAuthorsTheLatest()
    {
        await PutAsync("plotter-e42", Article("Plotter E42", "Power cycle it."), "?publish=true");
        await PutAsync("plotter-e42", Article("Plotter error E42", "Power cycle it, then clear the queue."));
        await PutAsync("draft-only", Article("Not yet", "Work in progress."));

        var reader = await _client.GetFromJsonAsync<JsonElement>("/api/kb/articles/plotter-e42");
        var author = await (await _client.SendAsync(Request(HttpMethod.Get, "/api/kb/articles/plotter-e42"))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal((1, "Plotter E42", "Power cycle it."), (reader.GetProperty("version").GetInt32(), reader.GetProperty("title").GetString(), reader.GetProperty("body").GetString()));
        Assert.Equal(("published", 1, 2), (reader.GetProperty("state").GetString(), reader.GetProperty("publishedVersion").GetInt32(), reader.GetProperty("latestVersion").GetInt32()));
        Assert.Equal((2, "Plotter error E42"), (author.GetProperty("version").GetInt32(), author.GetProperty("title").GetString()));
        Assert.Equal(["printing"], author.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/kb/articles/draft-only")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(Request(HttpMethod.Get, "/api/kb/articles/draft-only"))).StatusCode);
    }

    [Fact]
    public async Task DeletingAPublishedArticleIs409UntilItIsRetiredThenItAndItsVersionsAreGone()
    {
        var published = await _client.SendAsync(Request(HttpMethod.Delete, "/api/kb/articles/bitlocker-recovery-key"));

        Assert.Equal(HttpStatusCode.Conflict, published.StatusCode);
        Assert.Contains("retire it first", await published.Content.ReadAsStringAsync());
        await PostAsync("/api/kb/articles/bitlocker-recovery-key/retire");
        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendAsync(Request(HttpMethod.Delete, "/api/kb/articles/bitlocker-recovery-key"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(Request(HttpMethod.Get, "/api/kb/articles/bitlocker-recovery-key/versions"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(Request(HttpMethod.Delete, "/api/kb/articles/bitlocker-recovery-key"))).StatusCode);
    }

    [Fact]
    public async Task AMissingTitleIsA400NamingTheLineAndThePublishedVersionStaysSearchable()
    {
        await PutAsync("plotter-e42", Article("Plotter shows error E42", "Power cycle the plotter.", "[plotter]"), "?publish=true");

        var bad = await PutAsync("plotter-e42", "---\ntags: [plotter]\nservice: printing\n---\nPower cycle it twice.\n", "?publish=true");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("plotter-e42.md:2: 'title' is required.", problem.GetProperty("detail").GetString());
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
        Assert.Equal("plotter-e42", (await SearchIdsAsync("plotter error e42"))[0]);
    }

    [Fact]
    public async Task BrokenFrontMatterIsA400NamingTheLine()
    {
        var bad = await PutAsync("plotter-e42", "---\ntitle: Plotter\ntags: [a, b\nservice: printing\n---\nbody\n");

        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.StartsWith("plotter-e42.md:", problem.GetProperty("detail").GetString());
        Assert.True(problem.TryGetProperty("line", out _));
    }

    [Theory]
    [InlineData("Bad_Id")]
    [InlineData("..%2Fsecrets")]
    [InlineData("-leading-dash")]
    public async Task AnInvalidIdIsA400(string id)
    {
        var response = await PutAsync(id, Article("Fine", "Fine body."));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a valid article id", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnOversizedArticleIs413WithTheLimitAndNothingIsSaved()
    {
        var huge = Article("Huge", new string('x', ArticleParser.MaxArticleChars + 1));

        var response = await PutAsync("huge-article", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains(ArticleParser.MaxArticleChars.ToString("N0"), await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(Request(HttpMethod.Get, "/api/kb/articles/huge-article"))).StatusCode);
    }

    [Fact]
    public async Task AnArticleWithANulCharacterIsRefusedNotCutWhicheverWayItIsSent()
    {
        var body = new string('A', 1_000) + "\u0000HIDDEN-TAIL";
        var markdown = await PutAsync("nul-markdown", Article("Printer jams", body));
        var json = await _client.SendAsync(Request(HttpMethod.Put, "/api/kb/articles/nul-json", content: JsonContent.Create(new
        {
            title = "Printer jams", service = "printing", body,
        })));

        Assert.Equal(HttpStatusCode.BadRequest, markdown.StatusCode);
        Assert.Contains("NUL character", await markdown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains("NUL character", await json.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(Request(HttpMethod.Get, "/api/kb/articles/nul-json"))).StatusCode);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("tags")]
    [InlineData("tag")]
    [InlineData("service")]
    [InlineData("owner")]
    public async Task TheJsonAndMarkdownRoutesRefuseTheSameOversizedFields(string field)
    {
        var (title, tags, service, owner) = field switch
        {
            "title" => (new string('t', 600_000), new[] { "printing" }, "printing", "Ann"),
            "tags" => ("Printer jams", Enumerable.Range(0, 50_000).Select(i => $"t{i}").ToArray(), "printing", "Ann"),
            "tag" => ("Printer jams", new[] { new string('t', 1_000) }, "printing", "Ann"),
            "service" => ("Printer jams", new[] { "printing" }, new string('s', 1_000), "Ann"),
            _ => ("Printer jams", new[] { "printing" }, "printing", new string('o', 1_000)),
        };
        var json = await _client.SendAsync(Request(HttpMethod.Put, "/api/kb/articles/big-json", content: JsonContent.Create(new
        {
            title, tags, service, owner, body = "Open tray 2.",
        })));
        var markdown = await PutAsync("big-markdown",
            $"---\ntitle: {title}\ntags: [{string.Join(", ", tags)}]\nservice: {service}\nowner: {owner}\n---\nOpen tray 2.\n");

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains(field == "tag" ? "tags" : field, await json.Content.ReadAsStringAsync());
        Assert.True(markdown.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"markdown: {markdown.StatusCode}");
    }

    [Fact]
    public async Task AnArticleCanBeSentAsJsonAndMissingFieldsAreNamed()
    {
        var json = await _client.SendAsync(Request(HttpMethod.Put, "/api/kb/articles/plotter-e42?publish=true", content: JsonContent.Create(new
        {
            title = "Plotter shows error E42", tags = new[] { "Plotter", "printing" }, service = "Printing", reviewBy = "2027-06-30",
            body = "## Fix\nPower cycle the plotter.",
        })));
        var incomplete = await _client.SendAsync(Request(HttpMethod.Put, "/api/kb/articles/other", content: JsonContent.Create(new { body = "x" })));

        var saved = await json.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, json.StatusCode);
        Assert.Equal(("printing", "2027-06-30"), (saved.GetProperty("article").GetProperty("service").GetString(), saved.GetProperty("article").GetProperty("reviewBy").GetString()));
        Assert.Equal("plotter-e42", (await SearchIdsAsync("plotter error e42"))[0]);
        var problem = await incomplete.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Equal(["service", "title"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task ScriptAndHtmlInAnArticleAreEscapedOnItsPage()
    {
        await PutAsync("xss-test", Article("<script>alert('t')</script> Printer",
            "Hello <script>alert('b')</script> <img src=x onerror=alert(1)> [x](javascript:alert(2)) [y](JAVASCRIPT&#58;alert(3)) <javascript:alert(4)> ![i](javascript:alert(5)) [ok](https://example.com/help)"), "?publish=true");

        var page = await _client.GetStringAsync("/kb/xss-test");

        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", page);
        Assert.Contains("href=\"https://example.com/help\"", page);
    }

    [Fact]
    public async Task AnArticlePageForbidsScriptsAndSniffingAndLinksOnlyToWebAndRelativeAddresses()
    {
        await PutAsync("links-test", Article("Printer links",
            "[a](//evil.example/x) [b](\\\\\\\\evil.example) [c](/\\evil.example) [d](data:text/html,hi) [e](vbscript:x) [ok](https://example.com/help) [rel](/kb/other) [here](other#part)"), "?publish=true");

        var response = await _client.GetAsync("/kb/links-test");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.DoesNotContain("evil.example", page);
        Assert.DoesNotContain("data:", page);
        Assert.DoesNotContain("vbscript", page);
        Assert.Contains("href=\"https://example.com/help\"", page);
        Assert.Contains("href=\"/kb/other\"", page);
        Assert.Contains("href=\"other#part\"", page);
    }

    [Fact]
    public async Task GapsListTheMostFrequentUnansweredQuestionsGroupedForAuthorsOnly()
    {
        await using (var scope = _bot.Services.CreateAsyncScope())
        {
            var gaps = scope.ServiceProvider.GetRequiredService<KnowledgeGaps>();
            await gaps.RecordDeclinedAsync("When is payday?", default);
            await gaps.RecordDeclinedAsync("when is PAYDAY", default);
            await gaps.RecordNotHelpfulAsync("printer jams", "printer-offline", default);
        }

        var response = await _client.SendAsync(Request(HttpMethod.Get, "/api/kb/gaps?top=10"));
        var groups = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, groups.GetArrayLength());
        var first = groups[0];
        Assert.Equal(["example", "count", "declined", "notHelpful", "articles", "lastAsked"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal((2, 2, 0), (first.GetProperty("count").GetInt32(), first.GetProperty("declined").GetInt32(), first.GetProperty("notHelpful").GetInt32()));
        Assert.Equal("printer-offline", groups[1].GetProperty("articles")[0].GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetAsync("/api/kb/gaps")).StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheKnowledgeApi()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/kb/search", document);
        Assert.Contains("/api/kb/articles/{id}/publish", document);
    }
}

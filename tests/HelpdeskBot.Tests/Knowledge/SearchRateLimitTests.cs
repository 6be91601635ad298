using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Tests.Knowledge;

/// <summary>
/// The open search API is rate limited per anonymous client, since every search it declines becomes a knowledge gap;
/// configured API keys are not limited.
/// </summary>
public sealed class SearchRateLimitTests
{
    private const string AuthorKey = "author-key-0123456789abcdef";
    private const string PortalKey = "portal-key-0123456789abcdef";
    private const string Uncovered = "where can i park my car";

    private static HelpdeskBotFactory Bot(int permitLimit) => new(new Dictionary<string, string?>
    {
        ["Knowledge:ArticlesPath"] = KnowledgeFixture.SampleArticles,
        ["Knowledge:Search:SynonymsPath"] = RepositoryRoot.Combine("knowledge", "synonyms.txt"),
        ["Api:Keys:0:Name"] = "alice",
        ["Api:Keys:0:Key"] = AuthorKey,
        ["Api:Keys:0:Roles:0"] = "kb-author",
        ["Api:Keys:1:Name"] = "portal",
        ["Api:Keys:1:Key"] = PortalKey,
        ["Api:SearchRateLimit:PermitLimit"] = permitLimit.ToString(),
        ["Api:SearchRateLimit:Window"] = "01:00:00",
    });

    private static Task<HttpResponseMessage> SearchAsync(HttpClient client, string? key = null, string q = Uncovered)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/kb/search?q={Uri.EscapeDataString(q)}");
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task AnAnonymousClientPastItsLimitGets429WithRetryAfterAndItsQuestionIsNotRecorded()
    {
        await using var bot = Bot(permitLimit: 3);
        var client = bot.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SearchAsync(client)).StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/api/kb/search", new { q = Uncovered });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 3600);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Too many searches", problem.GetProperty("title").GetString());
        Assert.Contains("3 times per 1:00:00", problem.GetProperty("detail").GetString());

        var gapsRequest = new HttpRequestMessage(HttpMethod.Get, "/api/kb/gaps");
        gapsRequest.Headers.Add("X-Api-Key", AuthorKey);
        var gaps = await (await client.SendAsync(gapsRequest)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, Assert.Single(gaps.EnumerateArray()).GetProperty("declined").GetInt32());
    }

    [Fact]
    public async Task AClientWithAConfiguredKeyIsNotLimitedWhileAWrongKeyCountsAsAnonymous()
    {
        await using var bot = Bot(permitLimit: 1);
        var client = bot.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SearchAsync(client, PortalKey, "vpn wont connect")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await SearchAsync(client)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SearchAsync(client, "wrong-key-0123456789abcdef")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SearchAsync(client, PortalKey)).StatusCode);
    }

    [Fact]
    public async Task ALimitOfZeroTurnsItOff()
    {
        await using var bot = Bot(permitLimit: 0);
        var client = bot.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SearchAsync(client)).StatusCode);
        }
    }

    [Theory]
    [InlineData("-1", "00:01:00", "PermitLimit must be 0 (no limit) or more")]
    [InlineData("60", "00:00:00", "Window must be a positive time span")]
    public async Task ANegativeLimitOrAnEmptyWindowStopsTheAppAtStart(string permitLimit, string window, string message)
    {
        var error = Assert.IsType<OptionsValidationException>(await HelpdeskBotFactory.StartupErrorAsync(new Dictionary<string, string?>
        {
            ["Api:SearchRateLimit:PermitLimit"] = permitLimit,
            ["Api:SearchRateLimit:Window"] = window,
        }));

        Assert.Contains(message, error.Message);
    }
}

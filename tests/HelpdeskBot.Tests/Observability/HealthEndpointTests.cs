using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpdeskBot.Knowledge;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpdeskBot.Tests.Observability;

/// <summary>The probes: /health/live says the process answers, /health/ready asks the database, the index and the Connector token.</summary>
public sealed class HealthEndpointTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static Dictionary<string, string> Checks(JsonElement body) =>
        body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);

    private static async Task WaitForIndexAsync(HelpdeskBotFactory bot) =>
        await bot.Services.GetRequiredService<KnowledgeStartup>().IndexReady;

    [Fact]
    public async Task LiveAnswers200WithoutAskingAnyDependency()
    {
        await using var bot = new HelpdeskBotFactory();

        var (status, body) = await GetAsync(bot.CreateClient(), "/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("checks").EnumerateArray());
    }

    [Fact]
    public async Task ReadyAnswers200ListingTheDatabaseTheIndexAndTheConnectorToken()
    {
        await using var bot = new HelpdeskBotFactory(new Dictionary<string, string?> { ["Knowledge:ArticlesPath"] = Knowledge.KnowledgeFixture.SampleArticles });
        var client = bot.CreateClient();
        await WaitForIndexAsync(bot);

        var (status, body) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string>
        {
            ["database"] = "Healthy", ["knowledge-index"] = "Healthy", ["bot-connector-token"] = "Healthy",
        }, Checks(body));
        var index = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "knowledge-index");
        Assert.True(index.GetProperty("data").GetProperty("articles").GetInt32() > 0);
    }

    [Fact]
    public async Task BothAreOpenWhenApiKeysAreConfigured()
    {
        await using var bot = new HelpdeskBotFactory(new Dictionary<string, string?>
        {
            ["Api:Keys:0:Name"] = "ops", ["Api:Keys:0:Key"] = "0123456789abcdef-ops", ["Api:Keys:0:Roles:0"] = "tickets-agent",
        });
        var client = bot.CreateClient();
        await WaitForIndexAsync(bot);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/live")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/ready")).Status);
    }

    [Fact]
    public async Task ReadyIs503WhenTheDatabaseCannotBeOpened()
    {
        // The app's own start-up work (migrations, imports, background services) would stop it at start on such a
        // database, so this host runs without them: what is left is the probe asking a database it cannot open.
        var index = Directory.CreateTempSubdirectory("helpdesk-test-index-");
        try
        {
            await using var bot = new HelpdeskBotFactory(
                new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Helpdesk"] = "Data Source=/proc/helpdesk-unreachable/helpdesk.db",
                    ["Knowledge:IndexPath"] = index.FullName,
                },
                WithoutTheAppsHostedServices);

            var (status, body) = await GetAsync(bot.CreateClient(), "/health/ready");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", Checks(body)["database"]);
            Assert.DoesNotContain("/proc/helpdesk-unreachable", body.GetRawText()); // the open endpoint tells no paths
        }
        finally
        {
            index.Delete(recursive: true);
        }
    }

    // Keeps the framework's own (the server); removes the app's and the libraries' start-up work.
    private static void WithoutTheAppsHostedServices(IServiceCollection services)
    {
        foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.Namespace?.StartsWith("Microsoft.", StringComparison.Ordinal) != true).ToList())
        {
            services.Remove(hosted);
        }
    }

    [Fact]
    public async Task TheConnectorTokenCheckAsksTheLoginEndpointWhenAnAppIdIsConfigured()
    {
        await using var idp = await FakeIdentityProvider.StartAsync();
        var wrongPassword = idp.BotSettings();
        wrongPassword["MicrosoftAppPassword"] = "not-the-secret";
        await using var good = new HelpdeskBotFactory(idp.BotSettings());
        await using var bad = new HelpdeskBotFactory(wrongPassword);
        var goodClient = good.CreateClient();
        var badClient = bad.CreateClient();
        await WaitForIndexAsync(good);
        await WaitForIndexAsync(bad);

        var (goodStatus, goodBody) = await GetAsync(goodClient, "/health/ready");
        var (badStatus, badBody) = await GetAsync(badClient, "/health/ready");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (goodStatus, Checks(goodBody)["bot-connector-token"]));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (badStatus, Checks(badBody)["bot-connector-token"]));
        Assert.DoesNotContain("not-the-secret", badBody.GetRawText());
    }
}

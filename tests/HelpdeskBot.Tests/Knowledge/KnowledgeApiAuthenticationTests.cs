using System.Net;
using System.Text;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Tests.Knowledge;

/// <summary>Who may write when no API keys are configured, and how bad key settings are refused at start.</summary>
public sealed class KnowledgeApiAuthenticationTests
{
    private static StringContent Markdown() =>
        new("---\ntitle: Plotter E42\nservice: printing\n---\nPower cycle it.\n", Encoding.UTF8, "text/markdown");

    [Fact]
    public async Task InAnonymousDevelopmentModeWithNoKeysWritesAreOpenAndAWarningIsLoggedOnce()
    {
        await using var bot = new HelpdeskBotFactory();
        var client = bot.CreateClient();

        var response = await client.PutAsync("/api/kb/articles/plotter-e42", Markdown());
        await client.PutAsync("/api/kb/articles/plotter-e42", Markdown());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Single(bot.Logs, line => line.Contains("API WRITES ARE OPEN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithAMicrosoftAppIdAndNoKeysWritesAre401AndReadsStayOpen()
    {
        await using var bot = new HelpdeskBotFactory(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppPassword"] = "secret",
        });
        var client = bot.CreateClient();

        var write = await client.PutAsync("/api/kb/articles/plotter-e42", Markdown());
        var withSomeKey = new HttpRequestMessage(HttpMethod.Post, "/api/kb/articles/plotter-e42/publish");
        withSomeKey.Headers.Add("X-Api-Key", "any-key-at-all-0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(withSomeKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/kb/search?q=vpn")).StatusCode);
        Assert.DoesNotContain(bot.Logs, line => line.Contains("API WRITES ARE OPEN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BotMessagesWithTheirOwnBearerTokensDoNotGoThroughTheApiKeyCheck()
    {
        await using var bot = new HelpdeskBotFactory(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppPassword"] = "secret",
            ["Api:Keys:0:Name"] = "alice",
            ["Api:Keys:0:Key"] = "author-key-0123456789abcdef",
        });
        var client = bot.CreateClient();
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "eyJhbGciOi.not-a.jwt");
        var wrongKey = new HttpRequestMessage(HttpMethod.Post, "/api/kb/articles/x/publish");
        wrongKey.Headers.Add("X-Api-Key", "wrong-key-0123456789abcdef");

        await client.SendAsync(message);
        Assert.DoesNotContain(bot.Logs, line => line.Contains("ApiKeyAuthenticationHandler", StringComparison.Ordinal));
        await client.SendAsync(wrongKey);
        Assert.Contains(bot.Logs, line => line.Contains("ApiKeyAuthenticationHandler", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("alice", "too-short", "at least 16 characters")]
    [InlineData("", "long-enough-key-0123456789", "Name is required")]
    public async Task AKeyThatIsTooShortOrHasNoNameStopsTheAppAtStart(string name, string key, string message)
    {
        var error = Assert.IsType<OptionsValidationException>(await HelpdeskBotFactory.StartupErrorAsync(new Dictionary<string, string?>
        {
            ["Api:Keys:0:Name"] = name,
            ["Api:Keys:0:Key"] = key,
            ["Api:Keys:0:Roles:0"] = "kb-author",
        }));

        Assert.Contains(message, error.Message);
    }
}

using System.Net;
using HelpdeskBot.Tests.Infrastructure;

namespace HelpdeskBot.Tests.Observability;

/// <summary>The Prometheus scrape endpoint is there only when the setting turns it on.</summary>
public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task WithPrometheusEnabledMetricsServesTheTurnCounterInTextFormat()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var bot = new HelpdeskBotFactory(new Dictionary<string, string?> { ["Telemetry:Prometheus:Enabled"] = "true" });
        var client = bot.CreateClient();
        await client.PostActivityAsync(TeamsActivities.Message(channel.ServiceUrl, "hi"));
        await channel.WaitForRequestsAsync(1);

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("helpdesk_turns_total{", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutTheSettingThereIsNoMetricsEndpoint()
    {
        await using var bot = new HelpdeskBotFactory();

        using var response = await bot.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

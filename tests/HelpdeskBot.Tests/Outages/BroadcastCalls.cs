using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpdeskBot.Outages;

namespace HelpdeskBot.Tests.Outages;

/// <summary>The REST calls a broadcast test makes (anonymous mode: the API is open).</summary>
public static class BroadcastCalls
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Posts a generic alert on <c>email</c> (everyone in the service map) and returns the outage it opened.</summary>
    public static async Task<string> AlertAsync(HttpClient client, string title = "Mail flow down")
    {
        var response = await client.PostAsJsonAsync("/api/alerts/generic", new { service = "email", title });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        var opened = JsonDocument.Parse(body).RootElement.GetProperty("opened");
        Assert.Equal(1, opened.GetArrayLength());
        return opened[0].GetString()!;
    }

    /// <summary>How the outage's notices stand (<c>delivery</c> of <c>GET /api/outages/{number}</c>).</summary>
    public static async Task<DeliveryCounts> DeliveryAsync(HttpClient client, string number)
    {
        var outage = await client.GetFromJsonAsync<JsonElement>($"/api/outages/{number}", Web);
        return outage.GetProperty("delivery").Deserialize<DeliveryCounts>(Web)!;
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using HelpdeskBot.Protocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>
/// A Bot Connector stand-in on a loopback port: records every request the bot makes (method, path, bearer token,
/// activity) and answers like the Connector does.
/// </summary>
public sealed class FakeChannel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _nextId;

    private FakeChannel(WebApplication app) => _app = app;

    /// <summary>The serviceUrl to put on inbound activities (ends with a slash, as Teams' does).</summary>
    public string ServiceUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The requests answered with an injected failure (<see cref="FailWith"/>, <see cref="RefuseWhen"/>).</summary>
    public IReadOnlyCollection<RecordedRequest> Refused => [.. _refused];

    private readonly ConcurrentQueue<RecordedRequest> _refused = new();

    /// <summary>When set, answers the next requests with these status codes first (then 200s).</summary>
    public ConcurrentQueue<int> FailWith { get; } = new();

    /// <summary>The <c>Retry-After</c> (seconds) sent with an injected 429 or 503, if any.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>
    /// The teams this channel hosts: a team id's members, answered by the members API
    /// (<c>GET v3/conversations/{teamId}/members</c>).
    /// </summary>
    public ConcurrentDictionary<string, List<ChannelAccount>> Rosters { get; } = new();

    /// <summary>When set, the status code to refuse a request with (a channel that will not open a chat), or null to answer it.</summary>
    public Func<RecordedRequest, int?>? RefuseWhen { get; set; }

    public static async Task<FakeChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var channel = new FakeChannel(builder.Build());
        channel._app.Map("/{**path}", channel.HandleAsync);
        await channel._app.StartAsync();
        channel.ServiceUrl = channel._app.Urls.First() + "/";
        return channel;
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(
            http.Request.Method, http.Features.Get<IHttpRequestFeature>()!.RawTarget, // as sent: ids stay escaped
             http.Request.Headers.Authorization.ToString(),
            body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : null);
        _requests.Enqueue(request);
        _arrived.Release();
        if (FailWith.TryDequeue(out var status) || RefuseWhen?.Invoke(request) is { } refused && (status = refused) > 0)
        {
            http.Response.StatusCode = status;
            _refused.Enqueue(request);
            if (status is 429 or 503 && RetryAfterSeconds is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return;
        }

        var id = $"activity-{Interlocked.Increment(ref _nextId)}";
        var path = http.Request.Path.Value!.TrimEnd('/');
        object answer;
        if (path.EndsWith("v3/conversations", StringComparison.Ordinal))
        {
            // A new thread in a channel is "<channel id>;messageid=<its first message's id>", as in Teams.
            answer = request.Body?.TryGetProperty("channelData", out var data) == true && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("channel", out var channel) && channel.TryGetProperty("id", out var channelId)
                ? new { id = $"{channelId.GetString()};messageid={id}", activityId = id }
                : new { id = $"a:created-{id}", activityId = id };
        }
        else if (http.Request.Method == "GET" && path.EndsWith("/members", StringComparison.Ordinal))
        {
            var conversation = Uri.UnescapeDataString(path.Split('/')[^2]);
            answer = Rosters.TryGetValue(conversation, out var members) ? members : [];
        }
        else
        {
            answer = new { id };
        }

        await http.Response.WriteAsJsonAsync(answer);
    }

    /// <summary>Waits (up to a deadline) until at least <paramref name="count"/> requests have arrived.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (_requests.Count < count)
        {
            await _arrived.WaitAsync(deadline.Token);
        }

        return Requests;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One request the bot made to the channel.</summary>
public sealed record RecordedRequest(string Method, string Path, string Authorization, JsonElement? Body)
{
    /// <summary>When it arrived (the machine's clock).</summary>
    public DateTimeOffset At { get; } = DateTimeOffset.UtcNow;

    public Activity Activity => Body!.Value.Deserialize<Activity>(ProtocolJson.Options)!;
}

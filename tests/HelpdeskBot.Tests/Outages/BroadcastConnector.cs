using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace HelpdeskBot.Tests.Outages;

/// <summary>How a <see cref="BroadcastConnector"/> answers.</summary>
public sealed record BroadcastConnectorOptions
{
    /// <summary>Added to every answer (the network and the Connector's own time); the request is counted on arrival.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>The share of sends answered 429 with <c>Retry-After</c> (drawn from <see cref="Seed"/>).</summary>
    public double ThrottledShare { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>With <see cref="BurstLength"/>: out of every this many requests, the first <see cref="BurstLength"/> are 503s.</summary>
    public int BurstEvery { get; init; }

    public int BurstLength { get; init; }

    public int RetryAfterSeconds { get; init; } = 1;
}

/// <summary>
/// A Bot Connector stand-in built for volume, on a loopback port: <c>POST v3/conversations/{id}/activities</c> (a new
/// card or message) and <c>PUT v3/conversations/{id}/activities/{activityId}</c> (an edit) answer <c>{"id":"…"}</c>;
/// <c>POST v3/conversations</c> (opening a chat) answers a new conversation id. Nothing is parsed as JSON: a send is
/// counted per conversation id on arrival, as a card when its body carries an Adaptive Card, else as a text; accepted
/// sends are timestamped so the achieved rate can be read over the steady part. 429s (a seeded share) and bursts of
/// 503 can be injected, both with <c>Retry-After</c>.
/// </summary>
public sealed class BroadcastConnector : IAsyncDisposable
{
    private static readonly byte[] CardType = "application/vnd.microsoft.card.adaptive"u8.ToArray();

    private readonly WebApplication _app;
    private readonly BroadcastConnectorOptions _options;
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private readonly ConcurrentDictionary<string, int> _cards = new();
    private readonly ConcurrentDictionary<string, int> _texts = new();
    private readonly ConcurrentDictionary<string, int> _edits = new();
    private readonly ConcurrentQueue<long> _accepted = new(), _attempts = new();
    private long _requests, _nextId, _throttled, _unavailable, _opened;
    private int _unavailableNow, _inFlight, _peakInFlight;

    private BroadcastConnector(WebApplication app, BroadcastConnectorOptions options)
    {
        _app = app;
        _options = options;
        _random = new Random(options.Seed);
    }

    /// <summary>The serviceUrl to store on conversations (ends with a slash, as Teams' does).</summary>
    public string ServiceUrl { get; private set; } = "";

    public static async Task<BroadcastConnector> StartAsync(BroadcastConnectorOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        builder.Logging.ClearProviders();
        var connector = new BroadcastConnector(builder.Build(), options ?? new BroadcastConnectorOptions());
        connector._app.Run(connector.HandleAsync);
        await connector._app.StartAsync();
        connector.ServiceUrl = connector._app.Urls.First() + "/";
        return connector;
    }

    /// <summary>Requests of every kind that arrived, answered or not.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public long Throttled => Interlocked.Read(ref _throttled);
    public long Unavailable => Interlocked.Read(ref _unavailable);
    public long Opened => Interlocked.Read(ref _opened);

    /// <summary>Requests being answered now, and the most there were at once.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>Cards posted (accepted), all conversations together.</summary>
    public int CardsPosted => _accepted.Count;

    /// <summary>Accepted card posts per conversation id.</summary>
    public IReadOnlyDictionary<string, int> CardsByConversation => _cards;

    /// <summary>Accepted posts without a card (a text, such as the short "resolved" message) per conversation id.</summary>
    public IReadOnlyDictionary<string, int> TextsByConversation => _texts;

    /// <summary>Accepted edits (PUT) per conversation id.</summary>
    public IReadOnlyDictionary<string, int> EditsByConversation => _edits;

    /// <summary>Conversations that got two cards or more.</summary>
    public int Duplicates => _cards.Values.Count(n => n > 1);

    /// <summary>Of <paramref name="conversations"/>, those that got no card.</summary>
    public List<string> Missing(IEnumerable<string> conversations) => [.. conversations.Where(c => !_cards.ContainsKey(c))];

    /// <summary>When the first card was accepted (<see cref="Stopwatch.GetTimestamp"/>), or null.</summary>
    public long? FirstCardAt => CardsAt(0);

    /// <summary>When <paramref name="share"/> of the cards accepted so far had been accepted (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long? CardsAt(double share)
    {
        var times = _accepted.ToArray();
        Array.Sort(times);
        return times.Length == 0 ? null : times[Math.Clamp((int)Math.Ceiling(times.Length * share) - 1, 0, times.Length - 1)];
    }

    /// <summary>The next <paramref name="count"/> requests are answered 503 (a burst now).</summary>
    public void UnavailableFor(int count) => Interlocked.Add(ref _unavailableNow, count);

    /// <summary>
    /// Cards per second over the steady part: between the accepted sends at <paramref name="from"/> and
    /// <paramref name="to"/> of the way through (by default the middle 80 %), so the start and the retried tail do not count.
    /// </summary>
    public double SteadyRate(double from = 0.1, double to = 0.9) => Rate(_accepted.ToArray(), from, to);

    /// <summary>Card posts per second over the steady part, those answered 429 or 503 included (what the bot sent).</summary>
    public double AttemptRate(double from = 0.1, double to = 0.9) => Rate(_attempts.ToArray(), from, to);

    private static double Rate(long[] times, double from, double to)
    {
        Array.Sort(times);
        if (times.Length < 10)
        {
            return double.NaN;
        }

        var (first, last) = ((int)(times.Length * from), Math.Min(times.Length - 1, (int)(times.Length * to)));
        var seconds = Stopwatch.GetElapsedTime(times[first], times[last]).TotalSeconds;
        return seconds > 0 ? (last - first) / seconds : double.NaN;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var peak = Volatile.Read(ref _peakInFlight); now > peak; peak = Volatile.Read(ref _peakInFlight))
        {
            Interlocked.CompareExchange(ref _peakInFlight, now, peak);
        }

        try
        {
            await AnswerAsync(http);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext http)
    {
        var n = Interlocked.Increment(ref _requests);
        var method = http.Request.Method;
        // As sent (ids escaped), split on '/': [..., "v3", "conversations", id, "activities", activityId?]
        var path = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var query = path.IndexOf('?');
        var segments = (query < 0 ? path : path[..query]).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.LastIndexOf(segments, "conversations");
        var isCard = await CarriesCardAsync(http.Request);
        if (isCard && method == "POST")
        {
            _attempts.Enqueue(Stopwatch.GetTimestamp());
        }

        var status = Refuse(n, method);
        if (status == 0)
        {
            string answer;
            if (at >= 0 && at == segments.Length - 1 && method == "POST")
            {
                Interlocked.Increment(ref _opened);
                answer = $"{{\"id\":\"a:opened-{Interlocked.Increment(ref _nextId)}\",\"activityId\":\"{Interlocked.Increment(ref _nextId)}\"}}";
            }
            else if (at >= 0 && segments.Length >= at + 3 && segments[at + 2] == "activities")
            {
                var conversation = Uri.UnescapeDataString(segments[at + 1]);
                if (method == "POST")
                {
                    (isCard ? _cards : _texts).AddOrUpdate(conversation, 1, (_, c) => c + 1);
                    if (isCard)
                    {
                        _accepted.Enqueue(Stopwatch.GetTimestamp());
                    }

                    answer = $"{{\"id\":\"act-{Interlocked.Increment(ref _nextId)}\"}}";
                }
                else if (method == "PUT" && segments.Length == at + 4)
                {
                    _edits.AddOrUpdate(conversation, 1, (_, c) => c + 1);
                    answer = $"{{\"id\":\"{segments[at + 3]}\"}}";
                }
                else
                {
                    status = StatusCodes.Status405MethodNotAllowed;
                    answer = "";
                }
            }
            else
            {
                status = StatusCodes.Status404NotFound;
                answer = "";
            }

            if (status == 0)
            {
                await DelayAsync(http);
                http.Response.ContentType = "application/json";
                await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(answer));
                return;
            }
        }

        await DelayAsync(http);
        http.Response.StatusCode = status;
        if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = _options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    // 0 to answer; else the status to refuse with (injected).
    private int Refuse(long n, string method)
    {
        for (var left = Volatile.Read(ref _unavailableNow); left > 0; left = Volatile.Read(ref _unavailableNow))
        {
            if (Interlocked.CompareExchange(ref _unavailableNow, left - 1, left) == left)
            {
                Interlocked.Increment(ref _unavailable);
                return StatusCodes.Status503ServiceUnavailable;
            }
        }

        if (_options.BurstEvery > 0 && (n - 1) % _options.BurstEvery < _options.BurstLength)
        {
            Interlocked.Increment(ref _unavailable);
            return StatusCodes.Status503ServiceUnavailable;
        }

        if (_options.ThrottledShare > 0 && method is "POST" or "PUT")
        {
            double draw;
            lock (_randomLock)
            {
                draw = _random.NextDouble();
            }

            if (draw < _options.ThrottledShare)
            {
                Interlocked.Increment(ref _throttled);
                return StatusCodes.Status429TooManyRequests;
            }
        }

        return 0;
    }

    private Task DelayAsync(HttpContext http) =>
        _options.Latency > TimeSpan.Zero ? Task.Delay(_options.Latency, http.RequestAborted) : Task.CompletedTask;

    // Reads the whole body into a pooled buffer and looks for the Adaptive Card content type: no JSON parsing.
    private static async Task<bool> CarriesCardAsync(HttpRequest request)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length));
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return buffer.AsSpan(0, length).IndexOf(CardType) >= 0;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

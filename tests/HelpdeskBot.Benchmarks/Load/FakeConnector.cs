using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HelpdeskBot.Benchmarks.Load;

/// <summary>One call the bot made to the connector: what it sent, and to which inbound activity it replied.</summary>
public sealed record SentActivity(string Operation, string ConversationId, string? ReplyToId, string Body);

/// <summary>
/// A stand-in for the Bot Connector on a loopback port, answering the bot's REST calls as the Connector does
/// (v3: send and reply 201 with the new activity's id, update 200, delete 200, create conversation 201, members
/// lists), so the bot's turns complete. Every activity the bot sends is kept under its conversation and
/// <c>replyToId</c> until the generator takes it to check the turn's reply; a new conversation (a ticket's card in the
/// agents' queue channel) is noted with the ticket numbers it names. Anything else is answered 404 and counted.
/// </summary>
public sealed partial class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<(string Conversation, string ReplyTo), ConcurrentQueue<SentActivity>> _replies = new();
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _unknown = new();
    private readonly ConcurrentDictionary<string, long> _queueCards = new(StringComparer.Ordinal);
    private long _nextId;

    private FakeConnector(WebApplication app) => _app = app;

    /// <summary>The serviceUrl the inbound activities carry (with a trailing slash, as Teams sends it).</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>How many calls of each kind the bot made (send, reply, update, delete, create conversation, ...).</summary>
    public IReadOnlyDictionary<string, long> Calls => _calls;

    /// <summary>The first few requests the connector had no answer for (method and path).</summary>
    public IReadOnlyCollection<string> Unknown => _unknown;

    public static async Task<FakeConnector> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var connector = new FakeConnector(builder.Build());
        connector.Map();
        await connector._app.StartAsync();
        connector.ServiceUrl = connector._app.Urls.First() + "/";
        return connector;
    }

    /// <summary>When (<see cref="Stopwatch.GetTimestamp"/>) a new conversation first named each ticket number: its queue card.</summary>
    public IReadOnlyDictionary<string, long> QueueCards => _queueCards;

    /// <summary>Takes (and forgets) what the bot sent in reply to <paramref name="activityId"/>; empty when nothing came.</summary>
    public IReadOnlyList<SentActivity> TakeReplies(string conversationId, string activityId) =>
        _replies.TryRemove((conversationId, activityId), out var sent) ? [.. sent] : [];

    private void Map()
    {
        const string Activities = "/v3/conversations/{conversationId}/activities";
        _app.MapPost(Activities, (string conversationId, HttpRequest request) =>
            RecordAsync("send", conversationId, null, request, StatusCodes.Status201Created));
        _app.MapPost(Activities + "/{activityId}", (string conversationId, string activityId, HttpRequest request) =>
            RecordAsync("reply", conversationId, activityId, request, StatusCodes.Status201Created));
        _app.MapPut(Activities + "/{activityId}", async (string conversationId, string activityId, HttpRequest request) =>
        {
            await RecordAsync("update", conversationId, null, request, StatusCodes.Status200OK);
            return Results.Json(new { id = activityId });
        });
        _app.MapDelete(Activities + "/{activityId}", () =>
        {
            Count("delete");
            return Results.Ok();
        });
        _app.MapPost("/v3/conversations", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            var at = Stopwatch.GetTimestamp();
            foreach (Match number in TicketNumber().Matches(body))
            {
                _queueCards.TryAdd(number.Value, at);
            }

            Count("create conversation");
            var id = NextId();
            return Results.Json(new { id = $"a:load-created-{id}", activityId = id }, statusCode: StatusCodes.Status201Created);
        });
        _app.MapGet("/v3/conversations/{conversationId}/members", () =>
        {
            Count("get members");
            return Results.Json(Array.Empty<object>());
        });
        _app.MapGet("/v3/conversations/{conversationId}/pagedmembers", () =>
        {
            Count("get paged members");
            return Results.Json(new { members = Array.Empty<object>() });
        });
        _app.MapFallback((HttpRequest request) =>
        {
            Count("unknown");
            if (_unknown.Count < 10)
            {
                _unknown.Enqueue($"{request.Method} {request.Path}");
            }

            return Results.NotFound();
        });
    }

    private async Task<IResult> RecordAsync(string operation, string conversationId, string? replyToId, HttpRequest request, int status)
    {
        var body = await ReadAsync(request);
        Count(operation);
        var sent = new SentActivity(operation, conversationId, replyToId, body);
        if (replyToId is not null)
        {
            _replies.GetOrAdd((conversationId, replyToId), _ => new ConcurrentQueue<SentActivity>()).Enqueue(sent);
        }

        return Results.Json(new { id = NextId() }, statusCode: status);
    }

    private static async Task<string> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync();
    }

    private void Count(string operation) => _calls.AddOrUpdate(operation, 1, (_, n) => n + 1);

    private string NextId() => $"load-sent-{Interlocked.Increment(ref _nextId)}";

    [GeneratedRegex(@"\b(?:REQ|INC)\d{7,}\b")]
    public static partial Regex TicketNumber();

    public async ValueTask DisposeAsync()
    {
        // Stopped first, so a call the bots are making now is answered rather than cut off.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(deadline.Token);
        await _app.DisposeAsync();
    }
}

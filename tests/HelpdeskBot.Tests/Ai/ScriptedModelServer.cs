using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HelpdeskBot.Tests.Ai;

/// <summary>
/// An OpenAI-compatible chat completions server on loopback (real HTTP), answering from a script one step per
/// request: a tool call, a text reply, an error status, or no answer until the client gives up. It records every
/// request (path, authorization, body), so a test can check the messages and tools that were sent.
/// </summary>
public sealed class ScriptedModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, ModelRequest, Task<IResult>>> _script = new();
    private readonly List<ModelRequest> _requests = [];
    private readonly SemaphoreSlim _arrived = new(0);

    private ScriptedModelServer(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First();

    public IReadOnlyList<ModelRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public static async Task<ScriptedModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new ScriptedModelServer(builder.Build());
        // Any base path (/v1, Azure's /openai/v1, none) followed by the chat completions route.
        server._app.MapPost("/{**path}", (Delegate)((HttpContext http) => http.Request.Path.Value!.EndsWith("/chat/completions", StringComparison.Ordinal)
            ? server.AnswerAsync(http)
            : Task.FromResult(Results.NotFound())));
        await server._app.StartAsync();
        return server;
    }

    /// <summary>
    /// The next request is answered with a call of the offered tool whose name ends with <paramref name="function"/>
    /// (Semantic Kernel prefixes its plugin's name); a request that does not offer it gets an error status.
    /// </summary>
    public ScriptedModelServer ThenCallTool(string function, object arguments, string callId = "call_1") =>
        Then((_, request) => request.ToolNames.SingleOrDefault(n => n == function || n.EndsWith(function, StringComparison.Ordinal)) is { } tool
            ? Completion(new { role = "assistant", content = (string?)null, tool_calls = new[]
            {
                new { id = callId, type = "function", function = new { name = tool, arguments = JsonSerializer.Serialize(arguments) } },
            } }, "tool_calls")
            : Task.FromResult(Results.Json(new { error = new { message = $"no tool {function} offered" } }, statusCode: 400)));

    public ScriptedModelServer ThenReply(string text) => Then((_, _) => Completion(new { role = "assistant", content = text }, "stop"));

    public ScriptedModelServer ThenFail(int status) => Then((_, _) => Task.FromResult(Results.Text(
        """{"error":{"message":"the model is overloaded","type":"server_error"}}""", "application/json", statusCode: status)));

    /// <summary>The next request gets no answer until the client cancels it.</summary>
    public ScriptedModelServer ThenHang() => Then(async (http, _) =>
    {
        await new TaskCompletionSource().Task.WaitAsync(http.RequestAborted);
        return Results.Empty;
    });

    /// <summary>Waits (up to a deadline) until at least <paramref name="count"/> requests have arrived.</summary>
    public async Task<IReadOnlyList<ModelRequest>> WaitForRequestsAsync(int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Requests.Count < count)
        {
            await _arrived.WaitAsync(deadline.Token);
        }

        return Requests;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private ScriptedModelServer Then(Func<HttpContext, ModelRequest, Task<IResult>> step)
    {
        _script.Enqueue(step);
        return this;
    }

    private async Task<IResult> AnswerAsync(HttpContext http)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
        var request = new ModelRequest(http.Request.Path, http.Request.Headers.Authorization.ToString(), body);
        lock (_requests) _requests.Add(request);
        _arrived.Release();
        return _script.TryDequeue(out var step)
            ? await step(http, request)
            : Results.Text("""{"error":{"message":"nothing scripted"}}""", "application/json", statusCode: 500);
    }

    private static Task<IResult> Completion(object message, string finishReason) => Task.FromResult(Results.Text(JsonSerializer.Serialize(new
    {
        id = "chatcmpl-1", @object = "chat.completion", created = 1_790_000_000, model = "test-model",
        choices = new[] { new { index = 0, message, finish_reason = finishReason } },
        usage = new { prompt_tokens = 42, completion_tokens = 7, total_tokens = 49 },
    }), "application/json"));
}

/// <summary>One chat completions request as the server received it.</summary>
public sealed record ModelRequest(string Path, string Authorization, JsonElement Body)
{
    public IReadOnlyList<JsonElement> Messages => [.. Body.GetProperty("messages").EnumerateArray()];

    /// <summary>The names of the tools offered (none when the request offers no tools).</summary>
    public IReadOnlyList<string> ToolNames => Body.TryGetProperty("tools", out var tools)
        ? [.. tools.EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!)]
        : [];

    /// <summary>What the tool results sent back said, in order.</summary>
    public IReadOnlyList<string> ToolResults =>
        [.. Messages.Where(m => m.GetProperty("role").GetString() == "tool").Select(m => Text(m.GetProperty("content")))];

    private static string Text(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
}

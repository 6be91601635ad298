using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>
/// Microsoft 365 Agents Playground (npm, pinned in tests/playground) driven headlessly: its debug and conversation
/// routes play the user, and its conversation WebSocket shows what reached the Teams-like client.
/// </summary>
public sealed partial class Playground : IAsyncDisposable
{
    public const string ConversationId = "e2e-personal-chat";
    public const string UserId = "user-id-0";

    private readonly ExternalProcess _process;
    private readonly HttpClient _http;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentQueue<JsonElement> _frames = new();
    private readonly SemaphoreSlim _frameArrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ExternalProcess? _bot;

    private Playground(ExternalProcess process, int port, ExternalProcess? bot)
    {
        _process = process;
        _bot = bot;
        _http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}") };
    }

    /// <param name="bot">The bot's process, whose output a timeout shows (what the bot did instead).</param>
    public static async Task<Playground> StartAsync(string botEndpoint, string workingDirectory, ExternalProcess? bot = null)
    {
        var cli = RepositoryRoot.Combine("tests", "playground", "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException("The Agents Playground is not installed: run `npm ci` in tests/playground (.ci/run does).");
        }

        // Started with node directly (not npx), so that stopping it leaves no orphan holding the port.
        var process = ExternalProcess.Start("node",
            [cli, "-e", botEndpoint, "-c", "msteams", "-p", BotProcess.FreePort().ToString(),
             "--conversation-id", ConversationId, "--disable-telemetry"],
            workingDirectory,
            new Dictionary<string, string>
            {
                ["TEAMSAPPTESTER_BROWSER"] = "none",
                ["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(workingDirectory, "playground.log"),
            });
        await process.WaitForOutputAsync("Listening on ", TimeSpan.FromSeconds(60));
        var port = int.Parse(ListeningOn().Match(process.Output).Groups[1].Value);
        var playground = new Playground(process, port, bot);
        await playground.WaitUntilUpAsync();
        await playground._socket.ConnectAsync(
            new Uri($"ws://localhost:{port}/_ws_conversation/v1/conversations/stream"), CancellationToken.None);
        _ = playground.ReceiveFramesAsync();
        return playground;
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningOn();

    private async Task WaitUntilUpAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                if ((await _http.GetAsync("/_debug/ping", deadline.Token)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Yield();
            deadline.Token.ThrowIfCancellationRequested();
        }
    }

    private async Task ReceiveFramesAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                _frames.Enqueue(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
                message.SetLength(0);
                _frameArrived.Release();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // stopped
        }
    }

    /// <summary>What the web page does when it opens the chat: the bot gets installationUpdate and conversationUpdate.</summary>
    public async Task InstallAsync() =>
        (await _http.PostAsJsonAsync($"/_debug/conversation/{ConversationId}/installation", new { })).EnsureSuccessStatusCode();

    /// <summary>The Playground's one team ("My Team"), its General channel's id (the team's id), and the bot's id there.</summary>
    public const string TeamId = "team-id";
    public const string BotId = "00000000-0000-0000-0000-00000000000011";
    public const string BotName = "Test Bot";
    public const string TenantId = "00000000-0000-0000-0000-0000000000001";

    /// <summary>Adds the app to the Playground's team, as choosing the team's General channel in its page does.</summary>
    public async Task InstallInTeamAsync() =>
        (await _http.PostAsJsonAsync($"/_debug/conversation/{TeamId}/installation", new { })).EnsureSuccessStatusCode();

    /// <summary>
    /// A message with an @mention of the bot, from a team member other than the Playground's current user, in the team's
    /// General channel or in one of its threads (<c>team-id;messageid=…</c>): the Playground types only as its current
    /// user, so this goes through its "mock an activity" route, which sends the activity to the bot as given.
    /// </summary>
    public async Task MentionInChannelAsync(string conversationId, string userId, string userName, string text)
    {
        var activity = new
        {
            type = "message",
            channelId = "msteams",
            serviceUrl = $"{_http.BaseAddress!.ToString().TrimEnd('/')}/_connector",
            id = Guid.NewGuid().ToString("N"),
            timestamp = DateTimeOffset.UtcNow,
            recipient = new { id = BotId, name = BotName },
            conversation = new { id = conversationId, isGroup = true, conversationType = "channel", tenantId = TenantId },
            from = new { id = userId, name = userName },
            text = $"<at>{BotName}</at> {text}",
            entities = new[] { new { type = "mention", text = $"<at>{BotName}</at>", mentioned = new { id = BotId, name = BotName } } },
            channelData = new { team = new { id = TeamId }, channel = new { id = TeamId }, tenant = new { id = TenantId } },
        };
        (await _http.PostAsJsonAsync("/_internal/v1/customActivities", activity)).EnsureSuccessStatusCode();
    }

    public async Task SayAsync(string text) =>
        (await _http.PostAsJsonAsync($"/_conversation/v1/conversations/{ConversationId}/messages",
            new { from = new { id = UserId }, text, textFormat = "plain" })).EnsureSuccessStatusCode();

    /// <summary>
    /// Clicks an Action.Execute on the card message <paramref name="messageId"/> with the card's data and what was
    /// typed (<paramref name="data"/>), as <paramref name="userId"/> in <paramref name="conversationId"/>; returns the bot's answer.
    /// </summary>
    public async Task<JsonElement> ExecuteAsync(
        string messageId, string verb, object? data = null, string userId = UserId, string conversationId = ConversationId)
    {
        var response = await _http.PostAsJsonAsync("/_conversation/v1/invoke", new
        {
            name = "adaptiveCard/action",
            value = new { action = new { type = "Action.Execute", title = verb, verb, data = data ?? new { } } },
            from = new { id = userId },
            conversation = new { id = conversationId },
            replyToId = messageId,
        });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Waits (with a deadline) for a message from the bot that matches; messages are taken in order.</summary>
    public async Task<JsonElement> WaitForBotMessageAsync(Func<JsonElement, bool> match, string description, bool orUpdated = false) =>
        (await WaitForFrameAsync(match, description, orUpdated)).GetProperty("message");

    /// <summary>Like <see cref="WaitForBotMessageAsync"/>, with the whole frame (it names the conversation).</summary>
    /// <param name="orUpdated">Also a message the bot replaced (a card updated in place), not only a new one.</param>
    public async Task<JsonElement> WaitForFrameAsync(Func<JsonElement, bool> match, string description, bool orUpdated = false)
    {
        // A deadline, not a wait: generous, because CI runs this beside other tests on two cores.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var seen = new List<string>();
        while (true)
        {
            while (_frames.TryDequeue(out var frame))
            {
                seen.Add(frame.GetRawText());
                var action = frame.GetProperty("action").GetString();
                if ((action == "createMessage" || orUpdated && action == "updateMessage") && match(frame.GetProperty("message")))
                {
                    return frame;
                }
            }

            try
            {
                await _frameArrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var botOutput = _bot?.Output ?? "";
                throw new TimeoutException($"No bot message with {description}. Frames seen:\n{string.Join('\n', seen)}" +
                    $"\nThe bot's last output:\n{botOutput[Math.Max(0, botOutput.Length - 6000)..]}");
            }
        }
    }

    public static bool HasCardContaining(JsonElement message, string text) =>
        message.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array &&
        attachments.EnumerateArray().Any(a => a.GetRawText().Contains(text, StringComparison.Ordinal));

    public static bool HasText(JsonElement message, string text) =>
        message.TryGetProperty("text", out var t) && (t.GetString() ?? "").Contains(text, StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        _http.Dispose();
        await _process.DisposeAsync();
    }

    public override string ToString() => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(_process.Output));
}

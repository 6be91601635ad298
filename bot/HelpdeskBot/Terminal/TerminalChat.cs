using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using HelpdeskBot.Tickets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Terminal;

/// <summary>
/// The terminal user's chat with the bot. The app serves itself on a loopback port and the terminal plays the
/// channel: it posts real activities to <c>/api/messages</c>, and the bot answers through
/// <see cref="TerminalConnector"/>. Typed messages are the terminal user's; a card action is performed as the person
/// the card was sent to, so one terminal can file a request and approve it. Works with stdin piped, for scripts.
/// </summary>
public sealed class TerminalChat(
    HttpClient bot, string serviceUrl, TerminalChannel channel, TimeProvider time, TextReader input, TextWriter output)
{
    public const string ChannelId = "terminal";
    public const string ConversationId = "terminal-conversation";
    /// <summary>
    /// The terminal user, as the development people file knows them (not the machine's user name): the directory's
    /// name for them is the one every card shows.
    /// </summary>
    public static readonly ChannelAccount User = new("terminal-user", "Terminal User") { Role = "user" };
    public static readonly ChannelAccount Bot = new("helpdeskbot", "HelpdeskBot") { Role = "bot" };

    /// <summary>The agent the terminal user plays in the queue channel (an admin in the development people file).</summary>
    public static readonly ChannelAccount Agent = new("user-id-1", "Megan Bowen") { Role = "user" };

    public const string TeamId = "terminal-team";
    public const string QueueChannelId = "terminal-queue";
    public const string AgentPrefix = "agent:";

    /// <summary>
    /// "monitoring: email Mail flow is down" posts a firing alert for the service, as a monitoring system would
    /// (<c>POST /api/alerts/generic</c>); "monitoring: email resolved" resolves it.
    /// </summary>
    public const string MonitoringPrefix = "monitoring:";

    private int _nextId;

    /// <summary>Echo each line read, to keep a transcript readable when the input is piped.</summary>
    public bool EchoInput { get; init; }

    /// <summary>
    /// Waits, before each line is read, for what the bot sends after a turn rather than in it (a request's approval
    /// card goes to the approver through the ticket outbox), so piped input meets the cards a person typing would see,
    /// and the chat does not end with a notice still unsent.
    /// </summary>
    public Func<CancellationToken, Task>? SettleAsync { get; init; }

    /// <summary>
    /// True when a line was typed before the prompt could be shown: the terminal has echoed it already, so a prompt
    /// now would sit before the bot's answer on one line ("you> bot> (card)"). No prompt is shown then.
    /// </summary>
    public Func<bool>? TypedAhead { get; init; }

    /// <summary>Starts <paramref name="app"/> on its loopback port and chats with it until the input ends or 'quit'.</summary>
    public static async Task<int> RunAsync(WebApplication app, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var serviceUrl = address.TrimEnd('/') + TerminalConnector.BasePath;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The port is new each run: point the chats stored by earlier runs (1:1 chats with approvers) at it.
            await scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>().Conversations
                .Where(c => c.ChannelId == ChannelId)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.ServiceUrl, serviceUrl), cancellationToken);
            await TerminalQueue.EnsureAsync(scope.ServiceProvider, serviceUrl, cancellationToken);
        }

        var chat = new TerminalChat(
            http, serviceUrl, app.Services.GetRequiredService<TerminalChannel>(),
            app.Services.GetRequiredService<TimeProvider>(), input, output)
        {
            EchoInput = Console.IsInputRedirected,
            TypedAhead = () => !Console.IsInputRedirected && Console.KeyAvailable,
            SettleAsync = ct => TicketNoticesSentAsync(app.Services, ct),
        };
        await chat.ChatAsync(cancellationToken);
        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    // Until the ticket outbox is empty, new queue cards are posted and due outage notices are sent, for at most 10 seconds (a notice the connector keeps refusing is not waited for).
    private static async Task TicketNoticesSentAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
                // Nothing left to tell, and no queue card that has not had its first try.
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                if (!await db.Set<PendingTicketEvent>().AnyAsync(cancellationToken)
                    && !await db.Set<Outages.OutageNotice>().AnyAsync(n => n.State == Outages.NoticeState.Pending && n.NextAttemptAt <= now, cancellationToken)
                    && !await db.Set<Agents.QueueThread>().AnyAsync(t => t.State == Agents.QueueThreadState.Waiting && t.WaitingReason == null, cancellationToken))
                {
                    return;
                }
            }

            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(10))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    public async Task ChatAsync(CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("Chatting with HelpdeskBot. Type a message, a number to pick a card action, or 'quit'.");
        await PostAsync(new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [User, Bot] }, TerminalChannel.Main, cancellationToken);
        while (await ReadLineAsync("you> ", cancellationToken) is { } line)
        {
            if (line is "quit" or "exit" or "/quit")
            {
                break;
            }

            using var held = channel.Hold();
            if (int.TryParse(line, out var number) && number >= 1 && number <= channel.Actions.Count)
            {
                await RunActionAsync(channel.Actions[number - 1], cancellationToken);
            }
            else if (line.StartsWith(AgentPrefix, StringComparison.OrdinalIgnoreCase) && line.Length > AgentPrefix.Length)
            {
                if (channel.LatestThread is { } thread)
                {
                    await PostAsync(new Activity { Type = ActivityTypes.Message, Text = line[AgentPrefix.Length..].Trim() }, thread, cancellationToken);
                }
                else
                {
                    await output.WriteLineAsync("(no ticket has reached the agents' queue yet: 'agent: …' writes in its thread)");
                }
            }
            else if (line.StartsWith(MonitoringPrefix, StringComparison.OrdinalIgnoreCase))
            {
                await AlertAsync(line[MonitoringPrefix.Length..].Trim(), cancellationToken);
            }
            else if (line.Length > 0)
            {
                await PostAsync(new Activity { Type = ActivityTypes.Message, Text = line }, TerminalChannel.Main, cancellationToken);
            }
        }
    }

    private async Task<string?> ReadLineAsync(string prompt, CancellationToken cancellationToken)
    {
        if (SettleAsync is not null)
        {
            await SettleAsync(cancellationToken);
        }

        var prompted = TypedAhead?.Invoke() != true;
        if (prompted)
        {
            channel.ShowPrompt(prompt);
        }

        var line = await input.ReadLineAsync();
        channel.PromptAnswered();
        if (line is null ? prompted : EchoInput)
        {
            await output.WriteLineAsync(line); // the echo of a piped line, or the end of the prompt line at the end of input
        }

        return line?.Trim();
    }

    private async Task RunActionAsync(TerminalAction picked, CancellationToken cancellationToken)
    {
        var (action, cardId, inputs, conversation) = picked;
        switch (CardText.Str(action, "type"))
        {
            case "Action.OpenUrl":
                await output.WriteLineAsync($"Open this in a browser: {CardText.Str(action, "url")}");
                break;
            case "Action.ShowCard" when action.TryGetProperty("card", out var card):
                channel.ShowCard(card, cardId, updated: false, conversation, parentInputs: inputs);
                break;
            case "Action.Submit":
                if (await CollectAsync(action, inputs) is { } submitted)
                {
                    var message = new Activity { Type = ActivityTypes.Message, ReplyToId = cardId, Value = ProtocolJson.ToElement(submitted) };
                    await PostAsync(message, conversation, cancellationToken);
                }

                break;
            case "Action.Execute":
                if (await CollectAsync(action, inputs) is { } data)
                {
                    await ExecuteAsync(action, cardId, data, conversation, cancellationToken);
                }

                break;
        }
    }

    // The action's data merged with the inputs the user typed, as a Teams client sends them.
    private async Task<JsonObject?> CollectAsync(JsonElement action, List<JsonElement> inputs)
    {
        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(d.GetRawText())!.AsObject()
            : [];
        if (CardText.Str(action, "associatedInputs") is "none")
        {
            return data;
        }

        foreach (var field in inputs)
        {
            var answer = await InputPrompt.AskAsync(field, input, output, EchoInput);
            if (answer is null)
            {
                return null;
            }

            data[CardText.Str(field, "id") ?? ""] = answer;
        }

        return data;
    }

    private async Task ExecuteAsync(
        JsonElement action, string cardId, JsonObject data, TerminalConversation conversation, CancellationToken cancellationToken)
    {
        var value = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = CardText.Str(action, "verb"), ["data"] = data },
            ["trigger"] = "manual",
        };
        var invoke = new Activity { Type = ActivityTypes.Invoke, Name = "adaptiveCard/action", ReplyToId = cardId, Value = ProtocolJson.ToElement(value) };
        if (await PostAsync(invoke, conversation, cancellationToken) is not { ValueKind: JsonValueKind.Object } body)
        {
            return;
        }

        var type = CardText.Str(body, "type");
        if (type == Attachment.AdaptiveCardContentType && body.TryGetProperty("value", out var card))
        {
            channel.ShowCard(card, cardId, updated: true, conversation);
        }
        else if (body.TryGetProperty("value", out var message))
        {
            channel.Say(type == "application/vnd.microsoft.error"
                ? $"bot> (error) {CardText.Str(message, "message")}"
                : $"bot> {(message.ValueKind == JsonValueKind.String ? message.GetString() : message.ToString())}", conversation);
        }
    }

    // What a monitoring system sends: one alert per service, resolved by the same fingerprint.
    private async Task AlertAsync(string text, CancellationToken cancellationToken)
    {
        var words = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length < 2)
        {
            await output.WriteLineAsync("(monitoring: <service> <what is wrong>, or monitoring: <service> resolved)");
            return;
        }

        var resolved = words[1].Equals("resolved", StringComparison.OrdinalIgnoreCase);
        var alert = new { service = words[0], title = resolved ? $"{words[0]} recovered" : words[1], status = resolved ? "resolved" : "firing", fingerprint = $"terminal-{words[0]}" };
        using var response = await bot.PostAsJsonAsync("api/alerts/generic", alert, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        await output.WriteLineAsync(response.IsSuccessStatusCode
            ? $"--- monitoring posted an alert: {Outcome(JsonDocument.Parse(body).RootElement)} ---"
            : $"--- monitoring's alert was refused ({(int)response.StatusCode}): {body} ---");
    }

    private static string Outcome(JsonElement outcome)
    {
        string List(string name) => string.Join(", ", outcome.GetProperty(name).EnumerateArray().Select(e => e.ToString()));
        var parts = new[] { ("opened", List("opened")), ("updated", List("updated")), ("resolved", List("resolved")) }
            .Where(p => p.Item2.Length > 0).Select(p => $"{p.Item1} {p.Item2}").ToList();
        return parts.Count > 0 ? string.Join("; ", parts) : $"nothing changed ({List("ignored")})";
    }

    // Posts as the conversation's member: the terminal user in the main conversation, else the person it is with.
    private async Task<JsonElement?> PostAsync(Activity activity, TerminalConversation conversation, CancellationToken cancellationToken)
    {
        activity.Id = $"user-{Interlocked.Increment(ref _nextId)}";
        activity.Timestamp = time.GetUtcNow();
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = serviceUrl;
        activity.From = conversation.Member;
        activity.Recipient = Bot;
        activity.Conversation = conversation.ToAccount();
        if (conversation.IsThread)
        {
            activity.ChannelData = ProtocolJson.ToElement(new { team = new { id = TeamId }, channel = new { id = conversation.ThreadOfChannel } });
        }

        using var response = await bot.PostAsJsonAsync("api/messages", activity, ProtocolJson.Options, cancellationToken);
        if (!response.IsSuccessStatusCode && (int)response.StatusCode != 501)
        {
            await output.WriteLineAsync($"(the bot answered {(int)response.StatusCode} {response.ReasonPhrase})");
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : null;
    }
}

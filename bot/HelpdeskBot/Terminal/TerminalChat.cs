using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HelpdeskBot.Protocol.Schema;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HelpdeskBot.Terminal;

/// <summary>
/// One conversation with the bot in the terminal. The app serves itself on a loopback port and the terminal plays
/// the channel: it posts real activities to <c>/api/messages</c>, and the bot answers through
/// <see cref="TerminalConnector"/>. Works with stdin piped, for scripts.
/// </summary>
public sealed class TerminalChat(WebApplication app, TextReader input, TextWriter output)
{
    public const string ChannelId = "terminal";
    public const string ConversationId = "terminal-conversation";
    public static readonly ChannelAccount User = new("terminal-user", Environment.UserName) { Role = "user" };
    public static readonly ChannelAccount Bot = new("helpdeskbot", "HelpdeskBot") { Role = "bot" };

    private HttpClient _http = null!;
    private string _serviceUrl = "";
    private int _nextId;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
        _serviceUrl = address.TrimEnd('/') + TerminalConnector.BasePath;
        var channel = app.Services.GetRequiredService<TerminalChannel>();
        await output.WriteLineAsync("Chatting with HelpdeskBot. Type a message, a number to pick a card action, or 'quit'.");

        await PostAsync(new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [User, Bot] }, cancellationToken);
        while (await ReadLineAsync("you> ") is { } line)
        {
            if (line is "quit" or "exit" or "/quit")
            {
                break;
            }

            if (int.TryParse(line, out var number) && number >= 1 && number <= channel.Actions.Count)
            {
                await RunActionAsync(channel, channel.Actions[number - 1], cancellationToken);
            }
            else if (line.Length > 0)
            {
                await PostAsync(new Activity { Type = ActivityTypes.Message, Text = line }, cancellationToken);
            }
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    private async Task<string?> ReadLineAsync(string prompt)
    {
        await output.WriteAsync(prompt);
        var line = await input.ReadLineAsync();
        if (line is not null && Console.IsInputRedirected)
        {
            await output.WriteLineAsync(line); // keep a piped transcript readable
        }

        return line?.Trim();
    }

    private async Task RunActionAsync(
        TerminalChannel channel, (JsonElement Action, string CardActivityId, List<JsonElement> Inputs) picked,
        CancellationToken cancellationToken)
    {
        var (action, cardId, inputs) = picked;
        switch (CardText.Str(action, "type"))
        {
            case "Action.OpenUrl":
                await output.WriteLineAsync($"Open this in a browser: {CardText.Str(action, "url")}");
                break;
            case "Action.ShowCard" when action.TryGetProperty("card", out var card):
                channel.ShowCard(card, cardId, updated: false, parentInputs: inputs);
                break;
            case "Action.Submit":
                if (await CollectAsync(action, inputs) is { } submitted)
                {
                    await PostAsync(new Activity { Type = ActivityTypes.Message, ReplyToId = cardId, Value = ProtocolJson.ToElement(submitted) }, cancellationToken);
                }

                break;
            case "Action.Execute":
                if (await CollectAsync(action, inputs) is { } data)
                {
                    await ExecuteAsync(channel, action, cardId, data, cancellationToken);
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
            var answer = await InputPrompt.AskAsync(field, input, output);
            if (answer is null)
            {
                return null;
            }

            data[CardText.Str(field, "id") ?? ""] = answer;
        }

        return data;
    }

    private async Task ExecuteAsync(
        TerminalChannel channel, JsonElement action, string cardId, JsonObject data, CancellationToken cancellationToken)
    {
        var value = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = CardText.Str(action, "verb"), ["data"] = data },
            ["trigger"] = "manual",
        };
        var response = await PostAsync(
            new Activity { Type = ActivityTypes.Invoke, Name = "adaptiveCard/action", ReplyToId = cardId, Value = ProtocolJson.ToElement(value) },
            cancellationToken);
        if (response is not { ValueKind: JsonValueKind.Object } body)
        {
            return;
        }

        var type = CardText.Str(body, "type");
        if (type == "application/vnd.microsoft.card.adaptive" && body.TryGetProperty("value", out var card))
        {
            channel.ShowCard(card, cardId, updated: true);
        }
        else if (body.TryGetProperty("value", out var message))
        {
            channel.Say(type == "application/vnd.microsoft.error"
                ? $"bot> (error) {CardText.Str(message, "message")}"
                : $"bot> {(message.ValueKind == JsonValueKind.String ? message.GetString() : message.ToString())}");
        }
    }

    private async Task<JsonElement?> PostAsync(Activity activity, CancellationToken cancellationToken)
    {
        activity.Id = $"user-{Interlocked.Increment(ref _nextId)}";
        activity.Timestamp = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = _serviceUrl;
        activity.From = User;
        activity.Recipient = Bot;
        activity.Conversation = new ConversationAccount { Id = ConversationId, ConversationType = "personal", IsGroup = false };
        using var response = await _http.PostAsJsonAsync("api/messages", activity, ProtocolJson.Options, cancellationToken);
        if (!response.IsSuccessStatusCode && (int)response.StatusCode != 501)
        {
            await output.WriteLineAsync($"(the bot answered {(int)response.StatusCode} {response.ReasonPhrase})");
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : null;
    }
}

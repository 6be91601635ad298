using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Hosting;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Protocol.Teams;
using HelpdeskBot.Terminal;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpdeskBot.Tests.Terminal;

/// <summary>
/// The terminal chat playing several people: a card the bot sends someone else (an approver) is shown under their
/// name and acted on as them. The bot runs in memory; the terminal's connector runs on a loopback port, as in chat
/// mode, and the chat reads a script whose steps run between turns.
/// </summary>
public sealed class TerminalChatOtherUsersTests : IAsyncLifetime
{
    private static readonly ChannelAccount Megan = new("user-id-1", "Megan Bowen");

    private readonly StringWriter _transcript = new();
    private TextWriter _output = null!;
    private readonly ActivityRecorder _recorder = new();
    private HelpdeskBotFactory _bot = null!;
    private WebApplication _connector = null!;
    private TerminalChannel _channel = null!;
    private string _serviceUrl = "";

    public async Task InitializeAsync()
    {
        _bot = HelpdeskBotFactory.WithMiddleware(_recorder);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _output = TextWriter.Synchronized(_transcript);
        _channel = new TerminalChannel(_output);
        builder.Services.AddSingleton(_channel);
        _connector = builder.Build();
        _connector.MapTerminalConnector();
        await _connector.StartAsync();
        _serviceUrl = _connector.Urls.First() + TerminalConnector.BasePath;
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _bot.DisposeAsync();
    }

    [Fact]
    public async Task ACardSentToAnotherUserIsShownUnderTheirNameAndItsActionIsPerformedAsThem()
    {
        await ChatAsync(
            () => Line("help"),
            async () =>
            {
                await SendCardToMeganAsync();
                return "1";
            },
            () => Line("help"));

        var transcript = _transcript.ToString();
        var meganCard = Section(transcript, "--- to Megan Bowen (1:1 chat) ---", "--- back to you ---");
        Assert.Contains("bot> (card)", meganCard);
        Assert.Contains("Approve access for Ada?", meganCard);
        Assert.Contains("[1] Approve", meganCard);
        Assert.Contains("(type a number to act as Megan Bowen)", meganCard);
        var answered = Section(transcript[(transcript.IndexOf(meganCard, StringComparison.Ordinal) + meganCard.Length)..],
            "--- to Megan Bowen (1:1 chat) ---", "--- back to you ---");
        Assert.Contains("bot> (card updated)", answered);
        // Arriving while the chat waits at its prompt, the card is printed on lines of its own and the prompt again.
        Assert.Contains("you> \n--- to Megan Bowen (1:1 chat) ---\n", transcript.ReplaceLineEndings("\n"));
        Assert.Contains("--- back to you ---\nyou> 1\n", transcript.ReplaceLineEndings("\n"));
        Assert.Contains("Approved by Megan Bowen", answered);

        var invoke = Assert.Single(_recorder.Activities, a => a.Type == ActivityTypes.Invoke);
        Assert.Equal(("user-id-1", "Megan Bowen"), (invoke.From?.Id, invoke.From?.Name));
        Assert.Equal(("terminal-1on1-user-id-1", "personal"), (invoke.Conversation?.Id, invoke.Conversation?.ConversationType));
        Assert.Equal(_recorder.MeganCardId, invoke.ReplyToId);

        var afterwards = _recorder.Activities.SkipWhile(a => a != invoke).Skip(1).ToList();
        var message = Assert.Single(afterwards, a => a.Type == ActivityTypes.Message);
        Assert.Equal((TerminalChat.User.Id, TerminalChat.ConversationId), (message.From?.Id, message.Conversation?.Id));
        Assert.Contains("I'm the IT help desk bot", transcript[transcript.LastIndexOf("--- back to you ---", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task AnUpdateToAnotherUsersCardIsShownUnderTheirName()
    {
        await ChatAsync(
            () => Line("hello"),
            async () =>
            {
                var (reference, cardId) = await SendCardToMeganAsync();
                await _bot.Services.GetRequiredService<BotHttpAdapter>().ContinueConversationAsync(reference, async (turn, ct) =>
                {
                    var update = MessageWith(new AdaptiveCard { Body = [new TextBlock("Withdrawn by the requester")] });
                    update.Id = cardId;
                    await turn.UpdateActivityAsync(update, ct);
                }, CancellationToken.None);
                return null;
            });

        var transcript = _transcript.ToString();
        var header = "--- to Megan Bowen (1:1 chat) ---";
        Assert.Equal(2, transcript.Split(header).Length - 1); // the card, then its update
        var update = Section(transcript[transcript.LastIndexOf(header, StringComparison.Ordinal)..], header, "--- back to you ---");
        Assert.Contains("bot> (card updated)", update);
        Assert.Contains("Withdrawn by the requester", update);
    }

    [Fact]
    public async Task CreatingAConversationGivesEachMemberTheirOwnStableChatAndShowsTheFirstActivityThere()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_serviceUrl) };

        var first = await CreateAsync(http, new ConversationParameters
        {
            IsGroup = false, Members = [Megan], Activity = Activity.CreateMessage("You have a request to approve."),
        });
        var again = await CreateAsync(http, new ConversationParameters { Members = [new ChannelAccount("user-id-1", "Megan Bowen")] });
        var own = await CreateAsync(http, new ConversationParameters { Members = [TerminalChat.User] });
        var nameless = await CreateAsync(http, new ConversationParameters { Members = [new ChannelAccount("user-id-2")] });
        var members = await http.GetFromJsonAsync<List<ChannelAccount>>($"v3/conversations/{first.Id}/members", ProtocolJson.Options);
        var noMembers = await http.PostAsJsonAsync("v3/conversations", new ConversationParameters(), ProtocolJson.Options);

        Assert.Equal("terminal-1on1-user-id-1", first.Id);
        Assert.False(string.IsNullOrEmpty(first.ActivityId));
        Assert.Equal((first.Id, null), (again.Id, again.ActivityId));
        Assert.Equal(TerminalChat.ConversationId, own.Id);
        Assert.Equal(("user-id-1", "Megan Bowen"), (members![0].Id, members[0].Name));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, noMembers.StatusCode);
        Assert.Contains("--- to Megan Bowen (1:1 chat) ---\nbot> You have a request to approve.\n--- back to you ---",
            _transcript.ToString().ReplaceLineEndings("\n"));

        _channel.Receive(nameless.Id!, Activity.CreateMessage("hi"));
        Assert.Contains("--- to user-id-2 (1:1 chat) ---", _transcript.ToString());
    }

    private static async Task<ConversationResourceResponse> CreateAsync(HttpClient http, ConversationParameters parameters)
    {
        using var response = await http.PostAsJsonAsync("v3/conversations", parameters, ProtocolJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ConversationResourceResponse>(ProtocolJson.Options))!;
    }

    // As the approval flow will: a 1:1 chat with the approver, created through the connector, and a card in it.
    private async Task<(ConversationReference Reference, string CardId)> SendCardToMeganAsync()
    {
        var card = new AdaptiveCard
        {
            Body = [new TextBlock("Approve access for Ada?")],
            Actions = [ActionExecute.Create("Approve", "approve", new { ticket = "REQ0001001" })],
        };
        var parameters = new ConversationParameters { IsGroup = false, Bot = TerminalChat.Bot, Members = [Megan] };
        var reference = await _bot.Services.GetRequiredService<BotHttpAdapter>().CreateConversationAsync(
            TerminalChat.ChannelId, _serviceUrl, parameters,
            async (turn, ct) => _recorder.MeganCardId = (await turn.SendActivityAsync(MessageWith(card), ct)).Id,
            CancellationToken.None);
        return (reference, _recorder.MeganCardId!);
    }

    private static Activity MessageWith(AdaptiveCard card) =>
        new() { Type = ActivityTypes.Message, Attachments = [card.ToAttachment()] };

    private Task ChatAsync(params Func<Task<string?>>[] script) => ChatAsync(echo: true, typedAhead: false, script);

    private async Task ChatAsync(bool echo, bool typedAhead, params Func<Task<string?>>[] script)
    {
        var chat = new TerminalChat(
            _bot.CreateClient(), _serviceUrl, _channel, TimeProvider.System, new ScriptedInput(script), _output)
        {
            EchoInput = echo,
            TypedAhead = () => typedAhead,
        };
        await chat.ChatAsync(CancellationToken.None);
    }

    [Fact]
    public async Task WhatAClickSetsOffIsShownAfterTheClicksOwnAnswerHoweverTheyRace()
    {
        // The click's turn sends Megan a card before it answers the click itself (as a fast ticket outbox can).
        _recorder.OnRace = async () => await SendCardToMeganAsync();
        await ChatAsync(
            () => Line("help"),
            async () =>
            {
                await ShowRaceCardAsync();
                return "1";
            },
            () => Line("1"));

        var transcript = _transcript.ToString();
        var answer = transcript.IndexOf("Raced", StringComparison.Ordinal);
        var meganCard = transcript.IndexOf("--- to Megan Bowen (1:1 chat) ---", StringComparison.Ordinal);
        Assert.True(answer >= 0 && meganCard > answer, transcript);
        // The actions left current are Megan's, the last shown: "1" approves as her.
        Assert.Contains("Approved by Megan Bowen", transcript);
    }

    private Task ShowRaceCardAsync()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("Race me")], Actions = [ActionExecute.Create("Go", "race")] };
        _channel.Receive(TerminalChat.ConversationId, MessageWith(card));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ALineTypedBeforeThePromptLeavesTheAnswerOnALineOfItsOwn()
    {
        // At a real terminal, a line typed while the bot was busy is echoed by the terminal before any prompt.
        await ChatAsync(echo: false, typedAhead: true, () => Line("help"));

        var transcript = _transcript.ToString().ReplaceLineEndings("\n");
        Assert.DoesNotContain("you> bot>", transcript);
        Assert.Contains("\nbot> (card)\n", transcript);
    }

    [Fact]
    public async Task WhenPipedInputEndsTheLastPromptLineIsEnded()
    {
        await ChatAsync(() => Line("help"));

        Assert.EndsWith("you> \n", _transcript.ToString().ReplaceLineEndings("\n"));
    }

    private static Task<string?> Line(string text) => Task.FromResult<string?>(text);

    private static string Section(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' is not in:\n{text}");
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to >= 0, $"'{end}' does not follow '{start}' in:\n{text}");
        return text[from..(to + end.Length)];
    }

    /// <summary>
    /// Input read a line at a time; each step runs only when the chat asks for its next line, that is after the bot
    /// has answered the previous one. The input ends after the last step.
    /// </summary>
    private sealed class ScriptedInput(Func<Task<string?>>[] steps) : TextReader
    {
        private int _next;

        public override Task<string?> ReadLineAsync() =>
            _next < steps.Length ? steps[_next++]() : Task.FromResult<string?>(null);
    }

    /// <summary>Records every activity the bot gets, and answers the approval card's Execute as the app would.</summary>
    private sealed class ActivityRecorder : IBotMiddleware
    {
        private readonly ConcurrentQueue<Activity> _activities = new();

        public string? MeganCardId { get; set; }

        /// <summary>Run inside a "race" click's turn, before the click is answered.</summary>
        public Func<Task>? OnRace { get; set; }

        public IReadOnlyList<Activity> Activities => [.. _activities];

        public async Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            var activity = turnContext.Activity;
            _activities.Enqueue(activity);
            if (activity.IsType(ActivityTypes.Invoke) && OnRace is { } race &&
                activity.Value?.Deserialize<AdaptiveCardInvokeValue>(ProtocolJson.Options)?.Action?.Verb == "race")
            {
                await race();
                turnContext.InvokeResponse = new InvokeResponse(200, AdaptiveCardInvokeResponse.Card(
                    new AdaptiveCard { Body = [new TextBlock("Raced")] }));
                return;
            }

            if (activity.IsType(ActivityTypes.Invoke) &&
                activity.Value?.Deserialize<AdaptiveCardInvokeValue>(ProtocolJson.Options)?.Action?.Verb == "approve")
            {
                var card = new AdaptiveCard { Body = [new TextBlock($"Approved by {activity.From?.Name}")] };
                turnContext.InvokeResponse = new InvokeResponse(200, AdaptiveCardInvokeResponse.Card(card));
                return;
            }

            await next(cancellationToken);
        }
    }
}

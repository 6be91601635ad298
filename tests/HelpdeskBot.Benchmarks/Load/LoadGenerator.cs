using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HelpdeskBot.Benchmarks.Load;

/// <summary>How one turn ended, as the generator saw it.</summary>
public enum TurnOutcome
{
    /// <summary>The reply the turn asks for came (for a question: an answer card).</summary>
    Ok,

    /// <summary>A question answered with something other than an article (no answer, a form, an outage): no error.</summary>
    NotAnswered,

    /// <summary>The request failed: a status other than 200, a refused connection.</summary>
    HttpError,

    /// <summary>No response within the request timeout.</summary>
    Timeout,

    /// <summary>200, but the bot sent nothing in reply to the activity.</summary>
    NoReply,

    /// <summary>The reply came only after the HTTP response (the turn was answered before its reply was sent).</summary>
    LateReply,

    /// <summary>A reply, but not the one asked for (an error card, a form with errors, the same ticket twice).</summary>
    WrongReply,
}

/// <summary>One turn: what it was, when it started and ended (Stopwatch ticks from the run's start), how it ended.</summary>
public sealed class TurnRecord(string label, long start, long end, TurnOutcome outcome, string? detail)
{
    public string Label { get; } = label;
    public long Start { get; } = start;
    public long End { get; } = end;
    public TurnOutcome Outcome { get; set; } = outcome;
    public string? Detail { get; set; } = detail;
    public double Milliseconds => (End - Start) * 1000.0 / Stopwatch.Frequency;
    public bool IsError => Outcome is not (TurnOutcome.Ok or TurnOutcome.NotAnswered);
}

/// <summary>
/// Drives N concurrent Teams conversations through <c>POST /api/messages</c> of one or more bot instances, each
/// conversation sending its next turn as soon as the last one is answered. Turn t of conversation i goes to bot
/// (i + t) mod k: round robin per turn, as a load balancer in front of the instances would send them. The bots'
/// replies go to a <see cref="FakeConnector"/>; each turn's reply is checked there.
/// </summary>
public sealed class LoadGenerator(LoadSettings settings, string repositoryRoot, TextWriter log)
{
    public const string FormItem = "software-install";
    private static readonly string[] Software = ["visio", "project", "acrobat", "vscode", "zoom", "tableau"];

    private readonly ConcurrentQueue<TurnRecord> _records = new();
    private readonly ConcurrentQueue<(TurnRecord Record, string Conversation, string ActivityId)> _unreplied = new();
    private readonly ConcurrentDictionary<string, (string ActivityId, long ConfirmedAt)> _tickets = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();
    private long _measureFrom;
    private long _measureTo;
    private FakeConnector _connector = null!;
    private HttpClient _http = null!;
    private LoadTexts? _texts;

    public async Task<LoadResult> RunAsync()
    {
        await using var connector = await FakeConnector.StartAsync(settings.ConnectorPort);
        using var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = int.MaxValue, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { Timeout = settings.RequestTimeout };
        (_connector, _http) = (connector, http);
        await WaitForBotsAsync();
        if (settings.Team is { } team)
        {
            foreach (var bot in settings.Bots)
            {
                var installed = await PostAsync(bot, LoadConversation.BotAddedToTeam(team, connector.ServiceUrl));
                if (installed.Failed(out _, out var why))
                {
                    throw new InvalidOperationException($"Announcing the team install to {bot} failed: {why}");
                }
            }
        }

        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        if (settings.Kind == TurnKind.Answer)
        {
            _texts = LoadTexts.For(await AnsweredQuestionsAsync(new LoadConversation(settings.Conversations, run, connector.ServiceUrl)), settings.Seed);
        }

        var conversations = Enumerable.Range(0, settings.Conversations).Select(i => new LoadConversation(i, run, connector.ServiceUrl)).ToArray();
        log.WriteLine($"load: {settings.Conversations} conversations, turn '{settings.Kind.ToString().ToLowerInvariant()}', " +
            $"{settings.Bots.Count} bot(s) ({string.Join(", ", settings.Bots)}), round robin per turn; connector {connector.ServiceUrl}; " +
            $"warm-up {settings.Warmup.TotalSeconds:0} s, measured {settings.Duration.TotalSeconds:0} s");

        _measureFrom = (long)(settings.Warmup.TotalSeconds * Stopwatch.Frequency);
        _measureTo = _measureFrom + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        _clock.Start();
        var window = WatchWindowAsync();
        await Task.WhenAll(conversations.Select(RunConversationAsync));
        var (cpu, loadStart, loadEnd) = await window;

        // A turn whose reply had not come when its response did: look again as late replies arrive, for up to 2 s.
        var late = _unreplied.ToList();
        var settleBy = Stopwatch.GetTimestamp() + 2 * Stopwatch.Frequency;
        while (late.Count > 0)
        {
            late.RemoveAll(turn =>
            {
                if (connector.TakeReplies(turn.Conversation, turn.ActivityId).Count == 0) return false;
                turn.Record.Outcome = TurnOutcome.LateReply;
                turn.Record.Detail = "the reply came after the HTTP response";
                return true;
            });
            if (late.Count == 0 || Stopwatch.GetTimestamp() > settleBy) break;
            await Task.Delay(TimeSpan.FromMilliseconds(50)); // polling, with the deadline above
        }

        var queueCards = settings.Kind == TurnKind.Form ? await QueueCardsAsync() : null;

        if (settings.DumpTo is { } dump)
        {
            // Each turn (label, start in s from the run's start, ms, outcome, detail), then each ticket's queue card
            // ("queue card", when the ticket was confirmed, ms until its card came or empty, ticket number).
            var started = Stopwatch.GetTimestamp() - _clock.ElapsedTicks;
            string Seconds(long ticks) => (ticks / (double)Stopwatch.Frequency).ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
            string Ms(double ms) => ms.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
            await File.WriteAllLinesAsync(dump, _records.OrderBy(r => r.Start)
                .Select(r => string.Join('\t', r.Label, Seconds(r.Start), Ms(r.Milliseconds), r.Outcome, r.Detail))
                .Concat(_tickets.OrderBy(t => t.Value.ConfirmedAt).Select(t => string.Join('\t', "queue card", Seconds(t.Value.ConfirmedAt - started),
                    connector.QueueCards.TryGetValue(t.Key, out var posted) ? Ms((posted - t.Value.ConfirmedAt) * 1000.0 / Stopwatch.Frequency) : "",
                    "", t.Key))));
        }

        return new LoadResult(settings, [.. _records], _measureFrom, _measureTo, cpu, loadStart, loadEnd,
            new Dictionary<string, long>(connector.Calls), [.. connector.Unknown], _tickets.Count, queueCards);
    }

    /// <summary>
    /// Waits (up to <see cref="LoadSettings.Drain"/>) for the queue card of every ticket this run confirmed: the bots
    /// post them to the agents' channel in the background, after the turn. Their lag is from the confirmation to the card.
    /// </summary>
    private async Task<QueueCardLag?> QueueCardsAsync()
    {
        if (settings.Team is null)
        {
            return null;
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(settings.Drain.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = Stopwatch.GetTimestamp() - _clock.ElapsedTicks + _measureTo;
        var waitedFor = 0.0;
        while (_tickets.Keys.Any(n => !_connector.QueueCards.ContainsKey(n)) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        var lags = new List<double>();
        foreach (var (number, (_, confirmedAt)) in _tickets)
        {
            if (_connector.QueueCards.TryGetValue(number, out var postedAt))
            {
                lags.Add((postedAt - confirmedAt) * 1000.0 / Stopwatch.Frequency);
                waitedFor = Math.Max(waitedFor, (postedAt - windowEnd) / (double)Stopwatch.Frequency);
            }
        }

        return new QueueCardLag(_tickets.Count, [.. lags.Order()], waitedFor, settings.Drain);
    }

    /// <summary>Each bot ready (<c>/health/ready</c>) and, for questions, with every section's vector.</summary>
    private async Task WaitForBotsAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        foreach (var bot in settings.Bots)
        {
            while (true)
            {
                var (ready, why) = await ReadyAsync(bot);
                if (ready) break;
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"The bot at {bot} is not ready after 10 minutes: {why}");
                }

                log.WriteLine($"waiting for {bot}: {why}");
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    private async Task<(bool Ready, string Why)> ReadyAsync(Uri bot)
    {
        try
        {
            using var ready = await _http.GetAsync(new Uri(bot, "health/ready"));
            if (!ready.IsSuccessStatusCode) return (false, $"/health/ready answers {(int)ready.StatusCode}");
            if (settings.Kind != TurnKind.Answer) return (true, "");
            using var status = JsonDocument.Parse(await _http.GetStringAsync(new Uri(bot, "api/kb/status")));
            var waiting = status.RootElement.TryGetProperty("sectionsWaitingForVectors", out var value) && value.ValueKind == JsonValueKind.Number
                ? value.GetInt32() : 0;
            return waiting == 0 ? (true, "") : (false, $"{waiting} sections waiting for their vectors");
        }
        catch (HttpRequestException e)
        {
            return (false, e.Message);
        }
    }

    /// <summary>
    /// The evaluation questions the bot answers with an article when asked alone, as they are written: each asked
    /// once, in a conversation of its own, before the warm-up. (Many others it routes to a form, or answers with an
    /// outage or "which do you mean?": a turn of another kind.)
    /// </summary>
    private async Task<IReadOnlyList<string>> AnsweredQuestionsAsync(LoadConversation calibration)
    {
        var candidates = LoadTexts.Candidates(repositoryRoot);
        var answered = new List<string>();
        foreach (var question in candidates)
        {
            var (id, body) = calibration.Message(question);
            var response = await PostAsync(settings.Bots[0], body);
            if (response.Failed(out _, out var why))
            {
                throw new InvalidOperationException($"Asking '{question}' to find the questions the bot answers failed: {why}");
            }

            if (_connector.TakeReplies(calibration.ConversationId, id).Any(r => AllText(r.Body).Contains("Was this helpful?", StringComparison.Ordinal)))
            {
                answered.Add(question);
            }
        }

        log.WriteLine($"questions: {answered.Count} of the {candidates.Count} evaluation questions with an article (and {LoadTexts.MinLetters}+ letters) " +
            "are answered with one when asked alone; each turn asks one of those, spelled anew");
        return answered.Count > 0 ? answered : throw new InvalidOperationException("The bot answers none of the evaluation questions with an article.");
    }

    /// <summary>CPU and load average at the start and the end of the measured window.</summary>
    private async Task<(CpuUse Cpu, string LoadStart, string LoadEnd)> WatchWindowAsync()
    {
        await Task.Delay(Remaining(_measureFrom));
        var start = CpuSample.Take(settings.Watch);
        var loadStart = LoadAverage();
        await Task.Delay(Remaining(_measureTo));
        var end = CpuSample.Take(settings.Watch);
        return (CpuUse.Between(start, end), loadStart, LoadAverage());
    }

    private TimeSpan Remaining(long tick) =>
        TimeSpan.FromSeconds(Math.Max(0, tick - _clock.ElapsedTicks) / (double)Stopwatch.Frequency);

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";

    private async Task RunConversationAsync(LoadConversation conversation)
    {
        await Task.Yield();
        for (var turn = 0; _clock.ElapsedTicks < _measureTo; turn++)
        {
            var bot = settings.Bots[(conversation.Index + turn) % settings.Bots.Count];
            switch (settings.Kind)
            {
                case TurnKind.Trivial:
                    await TrivialAsync(conversation, bot, turn);
                    break;
                case TurnKind.Answer:
                    await AnswerAsync(conversation, bot, turn);
                    break;
                default:
                    // The open goes to one instance and the submit to the next: the card's token must hold on both.
                    var token = await OpenFormAsync(conversation, bot, turn);
                    if (token is not null && _clock.ElapsedTicks < _measureTo)
                    {
                        turn++;
                        await SubmitFormAsync(conversation, settings.Bots[(conversation.Index + turn) % settings.Bots.Count], turn, token);
                    }

                    break;
            }
        }
    }

    private async Task TrivialAsync(LoadConversation conversation, Uri bot, int turn)
    {
        var (id, body) = conversation.Message(LoadTexts.Thanks[turn % LoadTexts.Thanks.Length]);
        var response = await PostAsync(bot, body);
        if (response.Failed(out var outcome, out var detail))
        {
            Record("trivial", response, outcome, detail);
            return;
        }

        var replies = _connector.TakeReplies(conversation.ConversationId, id);
        var texts = replies.Select(r => AllText(r.Body)).ToList();
        if (replies.Count == 0)
        {
            Unreplied(Record("trivial", response, TurnOutcome.NoReply, "no reply"), conversation, id);
        }
        else
        {
            Record("trivial", response, texts.Any(t => t.Contains("You're welcome", StringComparison.Ordinal)) ? TurnOutcome.Ok : TurnOutcome.WrongReply,
                Shorten(texts[0]));
        }
    }

    private async Task AnswerAsync(LoadConversation conversation, Uri bot, int turn)
    {
        var question = _texts!.Question(conversation.Index, turn);
        var (id, body) = conversation.Message(question);
        var response = await PostAsync(bot, body);
        if (response.Failed(out var outcome, out var detail))
        {
            Record("answer", response, outcome, detail);
            return;
        }

        var replies = _connector.TakeReplies(conversation.ConversationId, id);
        if (replies.Count == 0)
        {
            Unreplied(Record("answer", response, TurnOutcome.NoReply, question), conversation, id);
            return;
        }

        var texts = replies.Select(r => AllText(r.Body)).ToList();
        Record("answer", response, texts.Any(t => t.Contains("Was this helpful?", StringComparison.Ordinal)) ? TurnOutcome.Ok : TurnOutcome.NotAnswered,
            $"{question} → {Shorten(texts[0])}");
    }

    /// <summary>The catalog form's Action.Execute "catalog.open": the intake card in the invoke's response, with its token.</summary>
    private async Task<string?> OpenFormAsync(LoadConversation conversation, Uri bot, int turn)
    {
        var card = $"load-card-{conversation.Index}-{turn}";
        var (id, body) = conversation.Execute("catalog.open", new JsonObject { ["action"] = "catalog.open", ["item"] = FormItem }, card);
        var response = await PostAsync(bot, body);
        _connector.TakeReplies(conversation.ConversationId, id); // an invoke's answer is its response; nothing is expected here
        if (response.Failed(out var outcome, out var detail))
        {
            Record("form open", response, outcome, detail);
            return null;
        }

        var token = InvokeCard(response.Body) is { } value ? SubmitToken(value) : null;
        Record("form open", response, token is null ? TurnOutcome.WrongReply : TurnOutcome.Ok, token is null ? Shorten(response.Body) : null);
        return token;
    }

    /// <summary>The form submitted with valid values: the response's card must confirm a ticket no other submit got.</summary>
    private async Task SubmitFormAsync(LoadConversation conversation, Uri bot, int turn, string token)
    {
        var data = new JsonObject
        {
            ["action"] = "catalog.submit", ["item"] = FormItem, ["token"] = token,
            ["software"] = Software[turn % Software.Length],
            ["computerName"] = $"LT-{conversation.Index}-{turn}",
            ["reason"] = "Needed for the quarterly report (load test).",
        };
        var (id, body) = conversation.Execute("catalog.submit", data, $"load-card-{conversation.Index}-{turn - 1}");
        var response = await PostAsync(bot, body);
        _connector.TakeReplies(conversation.ConversationId, id);
        if (response.Failed(out var outcome, out var detail))
        {
            Record("form submit", response, outcome, detail);
            return;
        }

        var text = InvokeCard(response.Body) is { } card ? AllText(card) : "";
        if (FakeConnector.TicketNumber().Match(text) is not { Success: true } number)
        {
            Record("form submit", response, TurnOutcome.WrongReply, Shorten(text.Length > 0 ? text : response.Body));
        }
        else if (!_tickets.TryAdd(number.Value, (id, Stopwatch.GetTimestamp())))
        {
            Record("form submit", response, TurnOutcome.WrongReply, $"{number.Value} confirmed twice: to {_tickets[number.Value].ActivityId} and to {id}");
        }
        else
        {
            Record("form submit", response, TurnOutcome.Ok, null);
        }
    }

    /// <summary>A response to a POST, and when it was sent and fully read (ticks of the run's clock).</summary>
    private readonly record struct Response(long Start, long End, int Status, string Body, TurnOutcome? Failure, string? Error)
    {
        public bool Failed(out TurnOutcome outcome, out string? detail)
        {
            outcome = Failure ?? TurnOutcome.Ok;
            detail = Error;
            return Failure is not null;
        }
    }

    /// <summary>One POST to /api/messages, timed from before the request is sent to the end of its response's body.</summary>
    private async Task<Response> PostAsync(Uri bot, byte[] body)
    {
        var start = _clock.ElapsedTicks;
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(new Uri(bot, "api/messages"), content);
            var text = await response.Content.ReadAsStringAsync();
            var end = _clock.ElapsedTicks;
            return (int)response.StatusCode == 200
                ? new Response(start, end, 200, text, null, null)
                : new Response(start, end, (int)response.StatusCode, text, TurnOutcome.HttpError, $"{(int)response.StatusCode} from {bot}: {Shorten(text)}");
        }
        catch (TaskCanceledException)
        {
            return new Response(start, _clock.ElapsedTicks, 0, "", TurnOutcome.Timeout, $"no response from {bot} in {settings.RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return new Response(start, _clock.ElapsedTicks, 0, "", TurnOutcome.HttpError, $"{bot}: {e.Message}");
        }
    }

    private TurnRecord Record(string label, Response response, TurnOutcome outcome, string? detail)
    {
        var record = new TurnRecord(label, response.Start, response.End, outcome, detail);
        _records.Enqueue(record);
        return record;
    }

    private void Unreplied(TurnRecord record, LoadConversation conversation, string activityId) =>
        _unreplied.Enqueue((record, conversation.ConversationId, activityId));

    /// <summary>The card an <c>adaptiveCard/action</c> invoke answered with, or null for an error or a message.</summary>
    private static JsonElement? InvokeCard(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.TryGetProperty("statusCode", out var status) && status.ValueKind == JsonValueKind.Number && status.GetInt32() == 200
                && root.TryGetProperty("type", out var type) && type.GetString() == "application/vnd.microsoft.card.adaptive"
                && root.TryGetProperty("value", out var card)
                ? card.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The token in the data of the card's catalog.submit action.</summary>
    private static string? SubmitToken(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String && verb.GetString() == "catalog.submit"
                    && element.TryGetProperty("data", out var data) && data.TryGetProperty("token", out var token))
                {
                    return token.GetString();
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (SubmitToken(property.Value) is { } found) return found;
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (SubmitToken(item) is { } found) return found;
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>What a person sees of an activity or a card: every "text" and "title" in it, one per line.</summary>
    private static string AllText(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return AllText(document.RootElement);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static string AllText(JsonElement element)
    {
        var text = new System.Text.StringBuilder();
        Collect(element, null);
        return text.ToString();

        void Collect(JsonElement e, string? name)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String when name is "text" or "title":
                    text.AppendLine(e.GetString());
                    break;
                case JsonValueKind.Object:
                    foreach (var property in e.EnumerateObject()) Collect(property.Value, property.Name);
                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray()) Collect(item, name);
                    break;
            }
        }
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 160 ? line : line[..160] + "…";
    }

}

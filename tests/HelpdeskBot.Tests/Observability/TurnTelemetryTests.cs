using System.Diagnostics;
using HelpdeskBot.Knowledge;
using HelpdeskBot.Observability;
using HelpdeskBot.Protocol.Connector;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tests.Knowledge;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace HelpdeskBot.Tests.Observability;

/// <summary>What a turn through /api/messages leaves in the meters and in the trace.</summary>
public sealed class TurnTelemetryTests : BotWithChannel
{
    // Every span this host's tracer provider exports; other hosts in the process add theirs, so tests pick by channel.
    private readonly SpanList _spans;

    public TurnTelemetryTests() : this(new SpanList()) { }

    private TurnTelemetryTests(SpanList spans) : base(new HelpdeskBotFactory(
        new Dictionary<string, string?>
        {
            ["Knowledge:ArticlesPath"] = KnowledgeFixture.SampleArticles,
            ["Knowledge:Search:SynonymsPath"] = RepositoryRoot.Combine("knowledge", "synonyms.txt"),
            ["Bot:Retry:BaseDelay"] = "00:00:00.010",
        },
        services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))))
    {
        _spans = spans;
    }

    private MetricsRecorder Record() => new(Bot.Services, HelpdeskMetrics.MeterName, ConnectorMetrics.MeterName);

    private Task IndexReadyAsync() => Bot.Services.GetRequiredService<KnowledgeStartup>().IndexReady;

    [Fact]
    public async Task AMessageTurnIsCountedAndTimedByActivityType()
    {
        using var metrics = Record();

        await SayAsync("hi");

        var turn = await metrics.WaitForAsync("helpdesk.turns", ("bot.activity.type", "message"));
        Assert.Equal(1, turn.Value);
        var duration = await metrics.WaitForAsync("helpdesk.turn.duration", ("bot.activity.type", "message"));
        Assert.InRange(duration.Value, 0, 30);
    }

    [Fact]
    public async Task AnAnsweredQuestionCountsAnAnswer()
    {
        await IndexReadyAsync();
        using var metrics = Record();

        await SayAsync("vpn wont conect from home");

        await metrics.WaitForAsync("helpdesk.knowledge.answers", ("outcome", "answered"));
        Assert.DoesNotContain(metrics.Of("helpdesk.knowledge.answers"), m => Equals(m.Tags["outcome"], "declined"));
    }

    [Fact]
    public async Task NotHelpfulFeedbackIsCounted()
    {
        await IndexReadyAsync();
        await SayAsync("bitlocker recovery key");
        using var metrics = Record();

        await Client.PostActivityAsync(TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action", new
        {
            action = new
            {
                type = "Action.Execute", verb = AnswerCard.FeedbackVerb,
                data = new { articleId = "bitlocker-recovery-key", helpful = false, question = "bitlocker recovery key" },
            },
        }));

        await metrics.WaitForAsync("helpdesk.knowledge.feedback", ("helpful", false));
        await metrics.WaitForAsync("helpdesk.turns", ("bot.activity.type", "invoke"));
    }

    [Fact]
    public async Task A429FromTheChannelCountsAThrottledCallAndARetry()
    {
        using var metrics = Record();
        Channel.FailWith.Enqueue(429);

        await SayAsync("hi");
        await Channel.WaitForRequestsAsync(2); // the 429, then the retry that got through

        await metrics.WaitForAsync("bot.connector.throttled", ("bot.connector.operation", "reply"));
        await metrics.WaitForAsync("bot.connector.retries", ("bot.connector.retry_reason", "429"));
    }

    [Fact]
    public async Task TheTraceOfATurnHoldsTheSearchAndTheConnectorCallUnderTheTurnUnderTheRequest()
    {
        await IndexReadyAsync();

        await SayAsync("vpn wont conect from home");

        Activity? server = null;
        // The fake channel's own server span is in the trace too (the call carried traceparent): pick /api/messages.
        await Poll.UntilAsync(() => (server = TraceOfThisChannel().FirstOrDefault(
                s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("http.route"), "/api/messages"))) is not null,
            "the request's span has ended");
        var trace = TraceOfThisChannel();
        var turn = Assert.Single(trace, s => s.Source.Name == HelpdeskTracing.SourceName && s.OperationName == "bot turn");
        var search = Assert.Single(trace, s => s.OperationName == "knowledge search");
        var connector = trace.First(s => s.Kind == ActivityKind.Client);
        Assert.Equal(default, server!.ParentSpanId);
        Assert.Equal(server!.SpanId, turn.ParentSpanId);
        Assert.Equal(turn.SpanId, search.ParentSpanId);
        Assert.Equal(turn.SpanId, connector.ParentSpanId);
        Assert.Equal("message", turn.GetTagItem("bot.activity.type"));
        Assert.Equal(false, search.GetTagItem("knowledge.declined"));
    }

    // The spans of the trace whose outgoing call went to this test's channel.
    private List<Activity> TraceOfThisChannel()
    {
        var spans = _spans.Snapshot();
        var call = spans.FirstOrDefault(s => s.Kind == ActivityKind.Client
            && (s.GetTagItem("url.full") as string)?.StartsWith(Channel.ServiceUrl, StringComparison.Ordinal) == true);
        return call is null ? [] : [.. spans.Where(s => s.TraceId == call.TraceId)];
    }

    /// <summary>The exporter adds on the exporting thread while the test reads.</summary>
    private sealed class SpanList : System.Collections.ObjectModel.Collection<Activity>
    {
        protected override void InsertItem(int index, Activity item)
        {
            lock (this)
            {
                base.InsertItem(index, item);
            }
        }

        public List<Activity> Snapshot()
        {
            lock (this)
            {
                return [.. this];
            }
        }
    }
}

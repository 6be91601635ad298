using System.Diagnostics.Metrics;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Tickets;

namespace HelpdeskBot.Observability;

/// <summary>
/// The bot's own meter, <see cref="MeterName"/>: turns and their latency, knowledge answers, tickets, SLA alerts and
/// outage broadcasts. One instance per app (from <see cref="IMeterFactory"/>, so each test host has its own meter).
/// </summary>
public sealed class HelpdeskMetrics
{
    public const string MeterName = "HelpdeskBot";

    // Seconds, for turns that take milliseconds (a keyword route) to seconds (a chat model's answer).
    private static readonly double[] TurnBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private static readonly HashSet<string> KnownActivityTypes =
    [
        ActivityTypes.Message, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate, ActivityTypes.MessageReaction,
        ActivityTypes.MessageUpdate, ActivityTypes.MessageDelete, ActivityTypes.Event, ActivityTypes.Invoke, ActivityTypes.Typing,
        ActivityTypes.EndOfConversation,
    ];

    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _answers;
    private readonly Counter<long> _feedback;
    private readonly Counter<long> _tickets;
    private readonly Counter<long> _slaWarnings;
    private readonly Counter<long> _slaBreaches;
    private readonly Counter<long> _outageCards;
    private readonly UpDownCounter<long> _outageQueued;

    public HelpdeskMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _turns = meter.CreateCounter<long>("helpdesk.turns", "{turn}", "Turns the bot ran, by activity type.");
        _turnDuration = meter.CreateHistogram("helpdesk.turn.duration", "s", "How long a turn took, middleware and bot.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TurnBuckets });
        _answers = meter.CreateCounter<long>("helpdesk.knowledge.answers", "{question}",
            "Questions put to the knowledge base in chat: answered, or declined with the reason.");
        _feedback = meter.CreateCounter<long>("helpdesk.knowledge.feedback", "{vote}", "\"Was this helpful?\" answers.");
        _tickets = meter.CreateCounter<long>("helpdesk.tickets.created", "{ticket}", "Tickets created, by kind.");
        _slaWarnings = meter.CreateCounter<long>("helpdesk.sla.warnings", "{alert}", "SLA warnings raised, by target.");
        _slaBreaches = meter.CreateCounter<long>("helpdesk.sla.breaches", "{alert}", "SLA breaches raised, by target.");
        _outageCards = meter.CreateCounter<long>("helpdesk.outage.cards.sent", "{card}",
            "Outage notices the Connector accepted: a new card, an update of one, or the message that goes with a change that matters.");
        _outageQueued = meter.CreateUpDownCounter<long>("helpdesk.outage.notices.queued", "{notice}",
            "Outage notices this instance has claimed and not yet sent or put back.");
    }

    /// <summary>A turn ended after <paramref name="elapsed"/>; <paramref name="error"/> names the exception that ended it, if one did.</summary>
    public void TurnCompleted(string? activityType, TimeSpan elapsed, string? error = null)
    {
        // The type comes from the wire: anything unknown is "other", so a caller cannot create new series.
        var type = new KeyValuePair<string, object?>("bot.activity.type", activityType is not null && KnownActivityTypes.Contains(activityType) ? activityType : "other");
        _turns.Add(1, type);
        if (error is null)
        {
            _turnDuration.Record(elapsed.TotalSeconds, type);
        }
        else
        {
            _turnDuration.Record(elapsed.TotalSeconds, type, new KeyValuePair<string, object?>("error.type", error));
        }
    }

    public void KnowledgeAnswered() => _answers.Add(1, new KeyValuePair<string, object?>("outcome", "answered"));

    /// <summary>A question got no answer: <c>no_match</c>, <c>below_form_threshold</c> (a form was the better next step) or <c>not_in_sources</c> (the chat model found none).</summary>
    public void KnowledgeDeclined(string reason) =>
        _answers.Add(1, new KeyValuePair<string, object?>("outcome", "declined"), new KeyValuePair<string, object?>("reason", reason));

    public void FeedbackGiven(bool helpful) => _feedback.Add(1, new KeyValuePair<string, object?>("helpful", helpful));

    public void TicketCreated(TicketKind kind) =>
        _tickets.Add(1, new KeyValuePair<string, object?>("ticket.kind", kind.ToString().ToLowerInvariant()));

    public void SlaAlertRaised(SlaAlert alert) =>
        (alert.Level == SlaLevel.Breached ? _slaBreaches : _slaWarnings)
            .Add(1, new KeyValuePair<string, object?>("sla.target", alert.Target.ToString()));

    /// <summary>The Connector accepted an outage notice: <c>new</c>, <c>update</c> or <c>message</c>.</summary>
    public void OutageCardSent(string how) => _outageCards.Add(1, new KeyValuePair<string, object?>("outage.send", how));

    /// <summary>Notices claimed (positive) or dealt with (negative) by this instance.</summary>
    public void OutageNoticesQueued(int change) => _outageQueued.Add(change);
}

using System.Diagnostics;
using HelpdeskBot.Protocol.Builder;

namespace HelpdeskBot.Observability;

/// <summary>
/// First in the turn pipeline: a span per turn, and the turn counted and timed (<see cref="HelpdeskMetrics"/>), including
/// turns a later middleware ends (a relayed live chat) and turns that fail.
/// </summary>
public sealed class TurnTelemetryMiddleware(HelpdeskMetrics metrics, TimeProvider time) : IBotMiddleware
{
    public async Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var type = turnContext.Activity.Type;
        using var span = HelpdeskTracing.Source.StartActivity("bot turn");
        span?.SetTag("bot.activity.type", type);
        span?.SetTag("bot.channel", turnContext.Activity.ChannelId);
        var started = time.GetTimestamp();
        try
        {
            await next(cancellationToken);
            metrics.TurnCompleted(type, time.GetElapsedTime(started));
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            metrics.TurnCompleted(type, time.GetElapsedTime(started), ex.GetType().Name);
            throw;
        }
    }
}

namespace HelpdeskBot.Protocol.Builder;

/// <summary>
/// A step of the turn pipeline, run in registration order before the bot. Call <c>next</c> to continue the turn;
/// return without calling it to end the turn here.
/// </summary>
public interface IBotMiddleware
{
    Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken);
}

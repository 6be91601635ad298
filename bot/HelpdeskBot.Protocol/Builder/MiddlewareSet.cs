namespace HelpdeskBot.Protocol.Builder;

/// <summary>Runs a list of middleware, then the bot callback.</summary>
public sealed class MiddlewareSet(IEnumerable<IBotMiddleware> middleware)
{
    private readonly IBotMiddleware[] _middleware = [.. middleware];

    public Task RunAsync(TurnContext turnContext, BotCallback callback, CancellationToken cancellationToken) =>
        RunAsync(turnContext, callback, 0, cancellationToken);

    private Task RunAsync(TurnContext turnContext, BotCallback callback, int index, CancellationToken cancellationToken) =>
        index == _middleware.Length
            ? callback(turnContext, cancellationToken)
            : _middleware[index].OnTurnAsync(
                turnContext, ct => RunAsync(turnContext, callback, index + 1, ct), cancellationToken);
}

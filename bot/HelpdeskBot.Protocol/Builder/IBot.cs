namespace HelpdeskBot.Protocol.Builder;

/// <summary>The bot's logic for one turn. <see cref="ActivityHandler"/> dispatches by activity type.</summary>
public interface IBot
{
    Task OnTurnAsync(TurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>A callback run as a turn (the bot, or a proactive continuation).</summary>
public delegate Task BotCallback(TurnContext turnContext, CancellationToken cancellationToken);

/// <summary>The rest of the middleware pipeline.</summary>
public delegate Task NextDelegate(CancellationToken cancellationToken);

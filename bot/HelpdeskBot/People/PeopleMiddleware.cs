using HelpdeskBot.Protocol.Builder;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.People;

/// <summary>Records the sender of every inbound activity in the directory before the bot runs.</summary>
public sealed class PeopleMiddleware(IOptions<PeopleOptions> options, ILogger<PeopleMiddleware> logger) : IBotMiddleware
{
    public async Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        if (options.Value.RecordFromActivities)
        {
            try
            {
                await turnContext.Services.GetRequiredService<PeopleDirectory>()
                    .UpsertFromActivityAsync(turnContext.Activity.From, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The directory is a by-product of the conversation: a failed write must not cost the user their answer.
                logger.LogWarning(ex, "Could not record {TeamsId} in the people directory", turnContext.Activity.From?.Id);
            }
        }

        await next(cancellationToken);
    }
}

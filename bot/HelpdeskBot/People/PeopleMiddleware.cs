using HelpdeskBot.Protocol.Authentication;
using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Teams;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.People;

/// <summary>Records the sender of every inbound activity in the directory before the bot runs.</summary>
public sealed class PeopleMiddleware(
    IOptions<PeopleOptions> options, IOptions<BotFrameworkOptions> bot, ILogger<PeopleMiddleware> logger) : IBotMiddleware
{
    public const string TeamsChannel = "msteams";

    /// <summary>Turn state set when this turn's sender gave the directory their Teams id for the first time.</summary>
    public const string FirstSeenInChat = "people.firstSeenInChat";

    public async Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        if (options.Value.RecordFromActivities && TrustOf(turnContext) is var trust and not ChatIdentityTrust.None)
        {
            try
            {
                if (await turnContext.Services.GetRequiredService<PeopleDirectory>()
                    .UpsertFromActivityAsync(turnContext.Activity.From, trust, cancellationToken))
                {
                    turnContext.TurnState[FirstSeenInChat] = true;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The directory is a by-product of the conversation: a failed write must not cost the user their answer.
                logger.LogWarning(ex, "Could not record {TeamsId} in the people directory", turnContext.Activity.From?.Id);
            }
        }

        await next(cancellationToken);
    }

    // Teams sets from.id and from.aadObjectId itself; Web Chat and Direct Line let the client choose them.
    private ChatIdentityTrust TrustOf(TurnContext turn)
    {
        var settings = bot.Value;
        if (settings.IsAuthenticationDisabled)
        {
            return ChatIdentityTrust.FirstSeen;
        }

        var tenant = settings.MicrosoftAppTenantId;
        return turn.Identity is not null && turn.Activity.ChannelId == TeamsChannel &&
               (string.IsNullOrWhiteSpace(tenant) || string.Equals(turn.Activity.GetTenantId(), tenant, StringComparison.OrdinalIgnoreCase))
            ? ChatIdentityTrust.Vouched
            : ChatIdentityTrust.None;
    }
}

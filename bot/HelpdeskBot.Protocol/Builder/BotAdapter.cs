using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Protocol.Builder;

/// <summary>Carries a turn's outbound activities to the channel.</summary>
public abstract class BotAdapter
{
    public abstract Task<ResourceResponse[]> SendActivitiesAsync(
        TurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);

    public abstract Task<ResourceResponse> UpdateActivityAsync(
        TurnContext turnContext, Activity activity, CancellationToken cancellationToken);

    public abstract Task DeleteActivityAsync(TurnContext turnContext, string activityId, CancellationToken cancellationToken);
}

using System.Security.Claims;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Protocol.Builder;

/// <summary>
/// One turn: the activity that arrived, and the means to answer it. Replies are addressed to the incoming
/// conversation automatically.
/// </summary>
public sealed class TurnContext(BotAdapter adapter, Activity activity, IServiceProvider services, ClaimsIdentity? identity = null)
{
    private readonly List<Activity> _bufferedReplies = [];

    public BotAdapter Adapter => adapter;

    /// <summary>The incoming activity.</summary>
    public Activity Activity => activity;

    /// <summary>The turn's services (the request scope, or a scope of its own for proactive turns).</summary>
    public IServiceProvider Services => services;

    /// <summary>The caller's identity when the request was authenticated.</summary>
    public ClaimsIdentity? Identity => identity;

    /// <summary>Per-turn state shared between middleware and the bot.</summary>
    public Dictionary<string, object> TurnState { get; } = [];

    /// <summary>True once the bot has sent anything in this turn.</summary>
    public bool Responded { get; private set; }

    /// <summary>The answer to an invoke; null means the invoke was not handled (501).</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    /// <summary>True when the channel asked for the replies in the HTTP response (<c>expectReplies</c>).</summary>
    public bool ExpectsReplies => activity.DeliveryMode == DeliveryModes.ExpectReplies;

    /// <summary>Replies held back for an <c>expectReplies</c> response.</summary>
    public IReadOnlyList<Activity> BufferedReplies => _bufferedReplies;

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default) =>
        SendActivityAsync(Activity.CreateMessage(text), cancellationToken);

    public async Task<ResourceResponse> SendActivityAsync(Activity reply, CancellationToken cancellationToken = default) =>
        (await SendActivitiesAsync([reply], cancellationToken))[0];

    /// <summary>Sends activities in order, addressed as replies to the incoming activity.</summary>
    public async Task<ResourceResponse[]> SendActivitiesAsync(
        IReadOnlyList<Activity> replies, CancellationToken cancellationToken = default)
    {
        var reference = activity.GetConversationReference();
        foreach (var reply in replies)
        {
            reply.ApplyConversationReference(reference, replyTo: activity.IsType(ActivityTypes.Message) || activity.IsType(ActivityTypes.Invoke));
        }

        Responded = true;
        if (ExpectsReplies)
        {
            _bufferedReplies.AddRange(replies);
            return [.. replies.Select(_ => new ResourceResponse())];
        }

        return await adapter.SendActivitiesAsync(this, replies, cancellationToken);
    }

    /// <summary>Replaces a message the bot sent earlier (its id is in <paramref name="updated"/>.Id).</summary>
    public Task<ResourceResponse> UpdateActivityAsync(Activity updated, CancellationToken cancellationToken = default)
    {
        updated.ApplyConversationReference(activity.GetConversationReference());
        return adapter.UpdateActivityAsync(this, updated, cancellationToken);
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default) =>
        adapter.DeleteActivityAsync(this, activityId, cancellationToken);
}

using System.Text.Json;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Protocol.Teams;

namespace HelpdeskBot.Protocol.Builder;

/// <summary>
/// A bot that dispatches each activity type to a small overridable method. Unknown types are ignored;
/// an invoke nobody handles is answered 501.
/// </summary>
public abstract class ActivityHandler : IBot
{
    public virtual Task OnTurnAsync(TurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        return activity.Type switch
        {
            ActivityTypes.Message => OnMessageActivityAsync(turnContext, cancellationToken),
            ActivityTypes.ConversationUpdate => OnConversationUpdateActivityAsync(turnContext, cancellationToken),
            ActivityTypes.InstallationUpdate => OnInstallationUpdateActivityAsync(turnContext, cancellationToken),
            ActivityTypes.MessageReaction => OnMessageReactionActivityAsync(turnContext, cancellationToken),
            ActivityTypes.MessageUpdate => OnMessageUpdateActivityAsync(turnContext, cancellationToken),
            ActivityTypes.MessageDelete => OnMessageDeleteActivityAsync(turnContext, cancellationToken),
            ActivityTypes.Event => OnEventActivityAsync(turnContext, cancellationToken),
            ActivityTypes.Invoke => RunInvokeAsync(turnContext, cancellationToken),
            _ => OnUnrecognizedActivityTypeAsync(turnContext, cancellationToken),
        };
    }

    /// <summary>A message: typed text, or an Action.Submit (its data in <c>value</c>).</summary>
    protected virtual Task OnMessageActivityAsync(TurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.Value is { ValueKind: JsonValueKind.Object } value
            ? OnCardSubmitAsync(turnContext, value, cancellationToken)
            : Task.CompletedTask;

    /// <summary>An Action.Submit (or the Action.Submit fallback of an Action.Execute).</summary>
    protected virtual Task OnCardSubmitAsync(TurnContext turnContext, JsonElement value, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual async Task OnConversationUpdateActivityAsync(TurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.MembersAdded is { Count: > 0 } added)
        {
            await OnMembersAddedAsync(added, turnContext, cancellationToken);
        }

        if (activity.MembersRemoved is { Count: > 0 } removed)
        {
            await OnMembersRemovedAsync(removed, turnContext, cancellationToken);
        }
    }

    protected virtual Task OnMembersAddedAsync(
        IReadOnlyList<ChannelAccount> membersAdded, TurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnMembersRemovedAsync(
        IReadOnlyList<ChannelAccount> membersRemoved, TurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnInstallationUpdateActivityAsync(TurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.Action switch
        {
            { } action when action.StartsWith("add", StringComparison.OrdinalIgnoreCase) =>
                OnInstallationUpdateAddAsync(turnContext, cancellationToken),
            { } action when action.StartsWith("remove", StringComparison.OrdinalIgnoreCase) =>
                OnInstallationUpdateRemoveAsync(turnContext, cancellationToken),
            _ => Task.CompletedTask,
        };

    protected virtual Task OnInstallationUpdateAddAsync(TurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnInstallationUpdateRemoveAsync(TurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnMessageReactionActivityAsync(TurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnMessageUpdateActivityAsync(TurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnMessageDeleteActivityAsync(TurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnEventActivityAsync(TurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnUnrecognizedActivityTypeAsync(TurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private async Task RunInvokeAsync(TurnContext turnContext, CancellationToken cancellationToken)
    {
        var response = await OnInvokeActivityAsync(turnContext, cancellationToken);
        if (response is not null)
        {
            turnContext.InvokeResponse = response;
        }
    }

    /// <summary>An invoke; return null when not handled (the adapter answers 501).</summary>
    protected virtual async Task<InvokeResponse?> OnInvokeActivityAsync(TurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Name != AdaptiveCardInvokeValue.InvokeName)
        {
            return null;
        }

        var value = ReadInvokeValue(turnContext.Activity);
        if (value?.Action is null)
        {
            return new InvokeResponse(400, AdaptiveCardInvokeResponse.Error(400, "BadRequest", "Missing card action."));
        }

        var response = await OnAdaptiveCardActionExecuteAsync(value, turnContext, cancellationToken);
        return response is null ? null : new InvokeResponse(200, response);
    }

    /// <summary>An Action.Execute click or a card refresh; return null when not handled.</summary>
    protected virtual Task<AdaptiveCardInvokeResponse?> OnAdaptiveCardActionExecuteAsync(
        AdaptiveCardInvokeValue invokeValue, TurnContext turnContext, CancellationToken cancellationToken) =>
        Task.FromResult<AdaptiveCardInvokeResponse?>(null);

    private static AdaptiveCardInvokeValue? ReadInvokeValue(Activity activity)
    {
        try
        {
            return ProtocolJson.FromElement<AdaptiveCardInvokeValue>(activity.Value);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

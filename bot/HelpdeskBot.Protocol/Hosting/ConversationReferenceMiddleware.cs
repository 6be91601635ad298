using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Protocol.Hosting;

/// <summary>Stores the conversation reference of every inbound activity before the bot runs.</summary>
public sealed class ConversationReferenceMiddleware : IBotMiddleware
{
    public async Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Conversation?.Id is not null && activity.ServiceUrl is not null)
        {
            var store = turnContext.Services.GetRequiredService<IConversationReferenceStore>();
            var authenticated = turnContext.Identity is { IsAuthenticated: true };
            await store.SaveAsync(activity.GetConversationReference(), activity.GetTenantId(), authenticated, cancellationToken);
        }

        await next(cancellationToken);
    }
}

using System.Text.Json;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Terminal;

/// <summary>
/// A stand-in for the Bot Connector, served by the app itself in chat mode: the bot's replies, proactive sends and
/// updates arrive here over the real protocol and are shown in the terminal.
/// </summary>
public static class TerminalConnector
{
    public const string BasePath = "/_terminal/";

    public static void MapTerminalConnector(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(BasePath + "v3/conversations");
        group.MapPost("/", (ConversationParameters parameters) =>
            TypedResults.Ok(new ConversationResourceResponse { Id = TerminalChat.ConversationId }));
        group.MapPost("/{conversationId}/activities", (Activity activity, TerminalChannel channel) =>
            TypedResults.Ok(new ResourceResponse(channel.Receive(activity))));
        group.MapPost("/{conversationId}/activities/{activityId}", (Activity activity, TerminalChannel channel) =>
            TypedResults.Ok(new ResourceResponse(channel.Receive(activity))));
        group.MapPut("/{conversationId}/activities/{activityId}", (string activityId, Activity activity, TerminalChannel channel) =>
            TypedResults.Ok(new ResourceResponse(channel.Receive(activity, updatesId: activityId))));
        group.MapDelete("/{conversationId}/activities/{activityId}", (string activityId, TerminalChannel channel) =>
        {
            channel.Say($"bot> (deleted message {activityId})");
            return TypedResults.Ok();
        });
        group.MapGet("/{conversationId}/members", () =>
            TypedResults.Ok(new[] { TerminalChat.User }));
    }
}

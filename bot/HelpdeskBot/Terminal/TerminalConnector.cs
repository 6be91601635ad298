using HelpdeskBot.Protocol.Schema;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpdeskBot.Terminal;

/// <summary>
/// A stand-in for the Bot Connector, served by the app itself in chat mode: the bot's replies, proactive sends and
/// updates arrive here over the real protocol and are shown in the terminal. A conversation the bot creates with
/// someone else (an approver) becomes a 1:1 chat the terminal plays too.
/// </summary>
public static class TerminalConnector
{
    public const string BasePath = "/_terminal/";

    public static void MapTerminalConnector(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(BasePath + "v3/conversations");
        group.MapPost("/", CreateConversation);
        group.MapPost("/{conversationId}/activities", (string conversationId, Activity activity, TerminalChannel channel) =>
            TypedResults.Ok(new ResourceResponse(channel.Receive(conversationId, activity))));
        group.MapPost("/{conversationId}/activities/{activityId}", (string conversationId, Activity activity, TerminalChannel channel) =>
            TypedResults.Ok(new ResourceResponse(channel.Receive(conversationId, activity))));
        group.MapPut("/{conversationId}/activities/{activityId}",
            (string conversationId, string activityId, Activity activity, TerminalChannel channel) =>
                TypedResults.Ok(new ResourceResponse(channel.Receive(conversationId, activity, updatesId: activityId))));
        group.MapDelete("/{conversationId}/activities/{activityId}", (string conversationId, string activityId, TerminalChannel channel) =>
        {
            channel.Say($"bot> (deleted message {activityId})", channel.Find(conversationId));
            return TypedResults.Ok();
        });
        group.MapGet("/{conversationId}/members", (string conversationId, TerminalChannel channel) =>
            TypedResults.Ok(new[] { channel.Find(conversationId).Member }));
    }

    // As the real Connector: the first member's 1:1 chat, with the first activity posted in it when one is given.
    private static Results<Ok<ConversationResourceResponse>, BadRequest<ErrorResponse>> CreateConversation(
        ConversationParameters parameters, TerminalChannel channel)
    {
        if (parameters.ChannelData is { ValueKind: System.Text.Json.JsonValueKind.Object } data && data.TryGetProperty("channel", out var posted)
            && posted.TryGetProperty("id", out var channelId) && channelId.GetString() is { Length: > 0 } channelName)
        {
            var thread = channel.OpenThread(channelName);
            var root = parameters.Activity is { } card ? channel.Receive(thread.Id, card) : null;
            return TypedResults.Ok(new ConversationResourceResponse { Id = thread.Id, ActivityId = root });
        }

        if (parameters.Members is not [{ Id.Length: > 0 } member, ..])
        {
            return TypedResults.BadRequest(new ErrorResponse
            {
                Error = new Error { Code = "BadArgument", Message = "A conversation needs at least one member with an id." },
            });
        }

        var conversation = channel.Open(member);
        var activityId = parameters.Activity is { } first ? channel.Receive(conversation.Id, first) : null;
        return TypedResults.Ok(new ConversationResourceResponse { Id = conversation.Id, ActivityId = activityId });
    }
}

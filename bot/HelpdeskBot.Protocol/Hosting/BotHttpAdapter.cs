using System.Text.Json;
using HelpdeskBot.Protocol.Authentication;
using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Connector;
using HelpdeskBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Protocol.Hosting;

/// <summary>
/// Owns the HTTP side of the protocol: reads and authenticates <c>POST /api/messages</c>, runs the middleware
/// pipeline and the bot, and writes the invoke or <c>expectReplies</c> response. Also sends through the Connector
/// and starts proactive turns.
/// </summary>
public sealed class BotHttpAdapter(
    BotAuthenticator authenticator,
    ConnectorClientFactory connectors,
    IOptions<BotHostingOptions> options,
    IServiceScopeFactory scopes,
    ILogger<BotHttpAdapter> logger) : BotAdapter
{
    public async Task ProcessAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "POST";
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var (activity, status, error) = await ActivityReader.ReadAsync(http.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (activity is null)
        {
            logger.LogWarning("Refused a request to the messaging endpoint with {StatusCode}: {Reason}", status, error);
            http.Response.StatusCode = status;
            await WriteJsonAsync(http.Response, new ErrorResponse { Error = new Error { Code = ErrorCode(status), Message = error } }, cancellationToken);
            return;
        }

        AuthenticationResult auth;
        try
        {
            auth = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization, activity, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or System.Text.Json.JsonException)
        {
            // The signing keys could not be loaded: not the caller's fault, and worth a retry later.
            // One line per request: the failed fetch itself is logged, with its exception, where it happens (once per interval).
            logger.LogWarning("Could not authenticate activity {ActivityId}: signing keys unavailable ({Reason})", activity.Id, ex.Message);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (!auth.Succeeded)
        {
            logger.LogWarning("Rejected {ActivityType} activity {ActivityId}: {Reason}", activity.Type, activity.Id, auth.FailureReason);
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        activity.CallerId = null; // never trust a callerId from the wire
        var turn = new TurnContext(this, activity, http.RequestServices, auth.IsAnonymous ? null : auth.Identity);
        using (logger.BeginScope(new Dictionary<string, object?> { ["ActivityId"] = activity.Id, ["ConversationId"] = activity.Conversation?.Id }))
        {
            try
            {
                await RunPipelineAsync(turn, turn.Services.GetRequiredService<IBot>().OnTurnAsync, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Turn failed for {ActivityType} activity {ActivityId}", activity.Type, activity.Id);
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }
        }

        await WriteResponseAsync(http.Response, turn, cancellationToken);
    }

    private static string ErrorCode(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "PayloadTooLarge",
        StatusCodes.Status415UnsupportedMediaType => "UnsupportedMediaType",
        _ => "BadRequest",
    };

    /// <summary>Runs the app's middleware (from the turn's services) and then <paramref name="callback"/>.</summary>
    public static Task RunPipelineAsync(TurnContext turn, BotCallback callback, CancellationToken cancellationToken) =>
        new MiddlewareSet(turn.Services.GetServices<IBotMiddleware>()).RunAsync(turn, callback, cancellationToken);

    private static async Task WriteResponseAsync(HttpResponse response, TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.IsType(ActivityTypes.Invoke))
        {
            var invoke = turn.InvokeResponse ?? new InvokeResponse(StatusCodes.Status501NotImplemented);
            response.StatusCode = invoke.Status;
            if (invoke.Body is not null)
            {
                await WriteJsonAsync(response, invoke.Body, cancellationToken);
            }
        }
        else if (turn.ExpectsReplies)
        {
            response.StatusCode = StatusCodes.Status200OK;
            await WriteJsonAsync(response, new ExpectedReplies { Activities = [.. turn.BufferedReplies] }, cancellationToken);
        }
        else
        {
            response.StatusCode = StatusCodes.Status200OK;
        }
    }

    private static Task WriteJsonAsync(HttpResponse response, object body, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(response.Body, body, body.GetType(), ProtocolJson.Options, cancellationToken);
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(
        TurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var responses = new ResourceResponse[activities.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            var connector = connectors.Create(activity.ServiceUrl!);
            var conversationId = activity.Conversation!.Id!;
            responses[i] = activity.ReplyToId is { Length: > 0 } replyToId
                ? await connector.ReplyToActivityAsync(conversationId, replyToId, activity, cancellationToken)
                : await connector.SendToConversationAsync(conversationId, activity, cancellationToken);
        }

        return responses;
    }

    public override Task<ResourceResponse> UpdateActivityAsync(
        TurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        connectors.Create(activity.ServiceUrl!)
            .UpdateActivityAsync(activity.Conversation!.Id!, activity.Id!, activity, cancellationToken);

    public override Task DeleteActivityAsync(TurnContext turnContext, string activityId, CancellationToken cancellationToken) =>
        connectors.Create(turnContext.Activity.ServiceUrl!)
            .DeleteActivityAsync(turnContext.Activity.Conversation!.Id!, activityId, cancellationToken);

    /// <summary>
    /// Runs <paramref name="callback"/> as a turn in a stored conversation (a proactive message), in a DI scope of
    /// its own. With authentication on, the reference's serviceUrl must have arrived on an authenticated activity.
    /// </summary>
    public async Task ContinueConversationAsync(
        ConversationReference reference, BotCallback callback, CancellationToken cancellationToken)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Event,
            Name = "ContinueConversation",
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Conversation = reference.Conversation,
            From = reference.User,
            Recipient = reference.Bot,
            Locale = reference.Locale,
        };
        await using var scope = scopes.CreateAsyncScope();
        await callback(new TurnContext(this, activity, scope.ServiceProvider), cancellationToken);
    }

    /// <summary>
    /// Creates a conversation (a 1:1 chat with a user, or a new channel thread), then runs <paramref name="callback"/>
    /// in it as a proactive turn. Returns the new conversation's reference, so it can be stored.
    /// </summary>
    public async Task<ConversationReference> CreateConversationAsync(
        string channelId, string serviceUrl, ConversationParameters parameters, BotCallback callback,
        CancellationToken cancellationToken)
    {
        var created = await connectors.Create(serviceUrl).CreateConversationAsync(parameters, cancellationToken);
        var reference = new ConversationReference
        {
            ChannelId = channelId,
            ServiceUrl = created.ServiceUrl ?? serviceUrl,
            Bot = parameters.Bot,
            User = parameters.Members?.FirstOrDefault(),
            ActivityId = created.ActivityId,
            Conversation = new ConversationAccount
            {
                Id = created.Id,
                IsGroup = parameters.IsGroup,
                TenantId = parameters.TenantId,
                ConversationType = parameters.IsGroup == true ? null : "personal",
            },
        };
        await ContinueConversationAsync(reference, callback, cancellationToken);
        return reference;
    }
}

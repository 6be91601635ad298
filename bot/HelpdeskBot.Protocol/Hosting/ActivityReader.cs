using System.Text.Json;
using HelpdeskBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;

namespace HelpdeskBot.Protocol.Hosting;

/// <summary>Reads an activity from a request body: bounded in size, JSON, with a <c>type</c>.</summary>
internal static class ActivityReader
{
    /// <summary>The activity, or null with the status and reason to refuse the request with.</summary>
    public static async Task<(Activity? Activity, int Status, string? Error)> ReadAsync(
        HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, StatusCodes.Status415UnsupportedMediaType, "The activity must be sent as application/json.");
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {maxBytes} bytes.");
        }

        var body = await ReadBoundedAsync(request.Body, maxBytes, cancellationToken);
        if (body is null)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {maxBytes} bytes.");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("type", out var type) ||
                type.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(type.GetString()))
            {
                return (null, StatusCodes.Status400BadRequest, "The body must be a JSON object with a 'type'.");
            }

            var activity = document.RootElement.Deserialize<Activity>(ProtocolJson.Options)!;
            return Check(activity) is { } error
                ? (null, StatusCodes.Status400BadRequest, error)
                : (activity, StatusCodes.Status200OK, null);
        }
        catch (JsonException ex)
        {
            return (null, StatusCodes.Status400BadRequest, $"The body is not a valid activity: {ex.Message}");
        }
    }

    // Without these there is nobody to answer; expectReplies answers in the response, so needs no serviceUrl.
    // A serviceUrl is where replies go, so it must be an absolute http(s) URL; null list entries are refused here so
    // no handler has to expect them.
    private static string? Check(Activity activity) =>
        string.IsNullOrWhiteSpace(activity.Conversation?.Id) ? "The activity has no conversation.id."
        : string.IsNullOrWhiteSpace(activity.ServiceUrl) && activity.DeliveryMode != DeliveryModes.ExpectReplies &&
          !activity.IsType(ActivityTypes.Invoke) ? "The activity has no serviceUrl."
        : activity.ServiceUrl is { } url && !IsHttpUrl(url) ? "The activity's serviceUrl is not an absolute http(s) URL."
        : NullEntryIn(activity) is { } list ? $"The activity's {list} holds a null entry."
        : NulIn(activity) is { } id ? $"The activity's {id} holds a NUL character."
        : null;

    // Ids are stored and compared whole; a NUL would be cut by the store and make one id stand for another.
    private static string? NulIn(Activity activity) =>
        HasNul(activity.Conversation?.Id) ? "conversation.id"
        : HasNul(activity.From?.Id) ? "from.id"
        : HasNul(activity.Recipient?.Id) ? "recipient.id"
        : HasNul(activity.ChannelId) ? "channelId"
        : HasNul(activity.Id) ? "id"
        : HasNul(activity.ReplyToId) ? "replyToId"
        : null;

    private static bool HasNul(string? text) => text?.Contains('\0') == true;

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 &&
        (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string? NullEntryIn(Activity activity) =>
        activity.MembersAdded?.Contains(null!) == true ? "membersAdded"
        : activity.MembersRemoved?.Contains(null!) == true ? "membersRemoved"
        : activity.ReactionsAdded?.Contains(null!) == true ? "reactionsAdded"
        : activity.ReactionsRemoved?.Contains(null!) == true ? "reactionsRemoved"
        : activity.Attachments?.Contains(null!) == true ? "attachments"
        : activity.Entities?.Contains(null!) == true ? "entities"
        : null;

    // Null when the body is longer than maxBytes (a chunked body has no Content-Length to check up front).
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HelpdeskBot.Protocol.Authentication;
using HelpdeskBot.Protocol.Schema;
using Polly;

namespace HelpdeskBot.Protocol.Connector;

/// <summary>
/// The Bot Connector REST API v3 for one service URL. Get one from <see cref="ConnectorClientFactory"/>, which
/// decides whether it may carry the bot's token.
/// </summary>
public sealed class ConnectorClient
{
    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly IAccessTokenProvider? _tokens;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ConnectorMetrics? _metrics;

    internal ConnectorClient(
        HttpClient http, Uri serviceUrl, IAccessTokenProvider? tokens, ResiliencePipeline<HttpResponseMessage> pipeline,
        ConnectorMetrics? metrics = null)
    {
        _metrics = metrics;
        _http = http;
        _baseUri = serviceUrl.AbsoluteUri.EndsWith('/') ? serviceUrl : new Uri(serviceUrl.AbsoluteUri + "/");
        _tokens = tokens;
        _pipeline = pipeline;
    }

    public Uri ServiceUrl => _baseUri;

    public Task<ResourceResponse> SendToConversationAsync(string conversationId, Activity activity, CancellationToken ct) =>
        SendAsync<ResourceResponse>(HttpMethod.Post, $"v3/conversations/{Escape(conversationId)}/activities", activity, "send", ct);

    public Task<ResourceResponse> ReplyToActivityAsync(
        string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        SendAsync<ResourceResponse>(
            HttpMethod.Post, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, "reply", ct);

    public Task<ResourceResponse> UpdateActivityAsync(
        string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        SendAsync<ResourceResponse>(
            HttpMethod.Put, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, "update", ct);

    public Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken ct) =>
        SendAsync<JsonElement?>(
            HttpMethod.Delete, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null, "delete", ct);

    public Task<ConversationResourceResponse> CreateConversationAsync(ConversationParameters parameters, CancellationToken ct) =>
        SendAsync<ConversationResourceResponse>(HttpMethod.Post, "v3/conversations", parameters, "create conversation", ct);

    public async Task<IReadOnlyList<ChannelAccount>> GetConversationMembersAsync(string conversationId, CancellationToken ct) =>
        await SendAsync<List<ChannelAccount>>(
            HttpMethod.Get, $"v3/conversations/{Escape(conversationId)}/members", null, "get members", ct) ?? [];

    public Task<PagedMembersResult> GetConversationPagedMembersAsync(
        string conversationId, int? pageSize, string? continuationToken, CancellationToken ct)
    {
        var query = new List<string>();
        if (pageSize is { } size) query.Add($"pageSize={size}");
        if (continuationToken is not null) query.Add($"continuationToken={Uri.EscapeDataString(continuationToken)}");
        var path = $"v3/conversations/{Escape(conversationId)}/pagedmembers" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        return SendAsync<PagedMembersResult>(HttpMethod.Get, path, null, "get paged members", ct);
    }

    private static string Escape(string id) => Uri.EscapeDataString(id);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string operation, CancellationToken ct)
    {
        var uri = new Uri(_baseUri, path);
        using var response = await _pipeline.ExecuteAsync(
            async token =>
            {
                using var request = await CreateRequestAsync(method, uri, body, token);
                var attempt = await _http.SendAsync(request, token);
                if (attempt.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                {
                    _metrics?.Throttled(operation);
                }

                return attempt;
            },
            ct);
        if (!response.IsSuccessStatusCode)
        {
            var retryAfter = response.Headers.RetryAfter is { } header
                ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
                : null;
            throw new ConnectorException(response.StatusCode, await ReadErrorAsync(response, ct), operation,
                retryAfter is { } wait && wait > TimeSpan.Zero ? wait : retryAfter is null ? null : TimeSpan.Zero);
        }

        if (response.Content.Headers.ContentLength == 0 || typeof(T) == typeof(JsonElement?))
        {
            return Activator.CreateInstance<T>();
        }

        var text = await response.Content.ReadAsStringAsync(ct);
        return string.IsNullOrWhiteSpace(text)
            ? Activator.CreateInstance<T>()
            : JsonSerializer.Deserialize<T>(text, ProtocolJson.Options)!;
    }

    // A request is built afresh for each attempt: an HttpRequestMessage cannot be sent twice.
    private async Task<HttpRequestMessage> CreateRequestAsync(HttpMethod method, Uri uri, object? body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ProtocolJson.Options);
        }

        if (_tokens is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _tokens.GetTokenAsync(ct));
        }

        return request;
    }

    private static async Task<Error?> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            return string.IsNullOrWhiteSpace(text)
                ? null
                : JsonSerializer.Deserialize<ErrorResponse>(text, ProtocolJson.Options)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.ClientModel;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;
using OpenAIFinishReason = OpenAI.Chat.ChatFinishReason;

namespace HelpdeskBot.Ai;

/// <summary>
/// <see cref="IChatClient"/> over the OpenAI SDK's chat completions client: OpenAI, Azure OpenAI's v1 endpoint and
/// OpenAI-compatible servers alike. Ours because Microsoft.Extensions.AI.OpenAI is not on the package registry; it
/// covers what the bot uses (text messages in, text out), not tools or images.
/// </summary>
public sealed class OpenAIChatClient(ChatClient client, ChatClientMetadata metadata) : IChatClient
{
    // OpenAI-compatible servers often need no key, but the SDK will not send a request without one.
    private const string NoKey = "unused";

    public static OpenAIChatClient Create(AiOptions options)
    {
        var endpoint = new Uri(options.Endpoint!);
        var client = new ChatClient(
            options.Model!,
            new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? NoKey : options.ApiKey),
            new OpenAIClientOptions { Endpoint = endpoint, NetworkTimeout = options.Timeout, UserAgentApplicationId = "HelpdeskBot" });
        return new OpenAIChatClient(client, new ChatClientMetadata(options.Provider.ToString(), endpoint, options.Model));
    }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatCompletion completion;
        try
        {
            completion = await client.CompleteChatAsync(Convert(messages), Convert(options), cancellationToken);
        }
        catch (ClientResultException error) when (error.Status != 0)
        {
            // The SDK's message quotes the response body; keep the status, leave the body (it can echo the prompt).
            throw new HttpRequestException($"The chat endpoint answered HTTP {error.Status}.", null, (System.Net.HttpStatusCode)error.Status);
        }

        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        return new ChatResponse(new AIChatMessage(ChatRole.Assistant, text))
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = completion.FinishReason switch
            {
                OpenAIFinishReason.Length => AIFinishReason.Length,
                OpenAIFinishReason.ContentFilter => AIFinishReason.ContentFilter,
                OpenAIFinishReason.ToolCalls => AIFinishReason.ToolCalls,
                _ => AIFinishReason.Stop,
            },
            Usage = completion.Usage is { } usage
                ? new UsageDetails { InputTokenCount = usage.InputTokenCount, OutputTokenCount = usage.OutputTokenCount, TotalTokenCount = usage.TotalTokenCount }
                : null,
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in client.CompleteChatStreamingAsync(Convert(messages), Convert(options), cancellationToken))
        {
            foreach (var part in update.ContentUpdate.Where(p => p.Kind == ChatMessageContentPartKind.Text))
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, part.Text) { ResponseId = update.CompletionId, ModelId = update.Model };
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? metadata
        : serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(ChatClient) ? client
        : null;

    public void Dispose() { }

    private static List<OpenAIChatMessage> Convert(IEnumerable<AIChatMessage> messages) =>
    [
        .. messages.Select(m => m.Role == ChatRole.System ? new SystemChatMessage(m.Text)
            : m.Role == ChatRole.Assistant ? new AssistantChatMessage(m.Text)
            : (OpenAIChatMessage)new UserChatMessage(m.Text)),
    ];

    private static ChatCompletionOptions? Convert(ChatOptions? options) => options is null ? null : new ChatCompletionOptions
    {
        MaxOutputTokenCount = options.MaxOutputTokens,
        Temperature = options.Temperature,
    };
}

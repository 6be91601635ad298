using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace HelpdeskBot.Ai;

/// <summary>
/// The chat model as an <see cref="IChatClient"/>: Microsoft.Extensions.AI.OpenAI over the OpenAI SDK, the same for
/// OpenAI, Azure OpenAI's v1 endpoint and OpenAI-compatible servers such as Ollama (all take one chat completions
/// request at <c>{Endpoint}/chat/completions</c>, with the key as a bearer token).
/// </summary>
public static class AiChatClient
{
    // OpenAI-compatible servers often need no key, but the SDK will not send a request without one.
    private const string NoKey = "unused";

    public static IChatClient Create(AiOptions options)
    {
        var client = new OpenAIClient(
            new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? NoKey : options.ApiKey),
            new OpenAIClientOptions
            {
                Endpoint = new Uri(options.Endpoint!),
                NetworkTimeout = options.Timeout,
                UserAgentApplicationId = "HelpdeskBot",
                // No retries: a person is waiting, and within the answer's deadline the extractive answer is the better second try.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            });
        return new ChatErrorStatus(client.GetChatClient(options.Model!).AsIChatClient());
    }
}

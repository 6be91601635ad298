using System.ClientModel;
using System.Net;
using Microsoft.Extensions.AI;

namespace HelpdeskBot.Ai;

/// <summary>
/// Turns the OpenAI SDK's error for an HTTP status into an <see cref="HttpRequestException"/> that keeps the status and
/// leaves the response body out: the SDK's message quotes the body, which can echo the prompt and so the articles.
/// </summary>
public sealed class ChatErrorStatus(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (ClientResultException error) when (error.Status != 0)
        {
            throw new HttpRequestException($"The chat endpoint answered HTTP {error.Status}.", null, (HttpStatusCode)error.Status);
        }
    }
}

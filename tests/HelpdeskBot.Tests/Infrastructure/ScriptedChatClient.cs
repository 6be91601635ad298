using Microsoft.Extensions.AI;

namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>
/// A chat model stand-in: records the messages of every call and answers as scripted (a reply, an exception, or
/// never, until the call is cancelled).
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Lock _lock = new();
    private readonly List<IReadOnlyList<ChatMessage>> _calls = [];

    public ScriptedChatClient(string reply) => Answer = (_, _) => Task.FromResult(reply);

    /// <summary>How the next calls are answered; replace it to change the script.</summary>
    public Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<string>> Answer { get; set; }

    public IReadOnlyList<IReadOnlyList<ChatMessage>> Calls
    {
        get { lock (_lock) return [.. _calls]; }
    }

    public void Reply(string reply) => Answer = (_, _) => Task.FromResult(reply);

    public void Throw(Exception exception) => Answer = (_, _) => Task.FromException<string>(exception);

    public void NeverAnswer() => Answer = async (_, cancellationToken) =>
    {
        await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
        return "";
    };

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = messages.ToList();
        lock (_lock) _calls.Add(call);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, await Answer(call, cancellationToken)));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        yield return new ChatResponseUpdate(ChatRole.Assistant, response.Text);
    }

    // Semantic Kernel asks every chat client for its metadata (the model's name).
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", null, "scripted-model")
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() { }
}

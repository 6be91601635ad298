using System.Net;
using HelpdeskBot.Ai;
using Microsoft.Extensions.AI;

namespace HelpdeskBot.Tests.Ai;

/// <summary>The chat client (Microsoft.Extensions.AI.OpenAI) as the Ai settings make it, against a scripted OpenAI-compatible server.</summary>
public sealed class AiChatClientTests : IAsyncLifetime
{
    private ScriptedModelServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatClient Client(string basePath, AiProvider provider, string? apiKey = "sk-test") => AiChatClient.Create(new AiOptions
    {
        Endpoint = _server.BaseUrl + basePath, ApiKey = apiKey, Model = "test-model", Provider = provider, Timeout = TimeSpan.FromSeconds(30),
    });

    [Theory]
    [InlineData("/v1", "/v1/chat/completions", AiProvider.OpenAI, "sk-test", "Bearer sk-test")]
    [InlineData("/openai/v1/", "/openai/v1/chat/completions", AiProvider.AzureOpenAI, "sk-test", "Bearer sk-test")]
    [InlineData("/v1", "/v1/chat/completions", AiProvider.OpenAICompatible, null, "Bearer unused")] // Ollama: no key
    public async Task AChatCompletionRequestGoesToTheEndpointWithTheModelAndKeyAndTheReplyComesBack(
        string basePath, string expectedPath, AiProvider provider, string? apiKey, string expectedAuthorization)
    {
        _server.ThenReply("Restart GlobalProtect [1].");
        using var client = Client(basePath, provider, apiKey);

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "rules"), new ChatMessage(ChatRole.User, "sources"), new ChatMessage(ChatRole.User, "question")]);

        Assert.Equal("Restart GlobalProtect [1].", response.Text);
        Assert.Equal(49, response.Usage?.TotalTokenCount);
        var request = Assert.Single(_server.Requests);
        Assert.Equal((expectedPath, expectedAuthorization), (request.Path, request.Authorization));
        Assert.Equal("test-model", request.Body.GetProperty("model").GetString());
        Assert.Equal(["system", "user", "user"], request.Messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("question", request.Messages[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task AnErrorStatusBecomesAnHttpRequestExceptionWithoutTheResponseBodyAndIsNotRetried()
    {
        _server.ThenFail(503);
        using var client = Client("/v1", AiProvider.OpenAI);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("question"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.DoesNotContain("overloaded", error.Message);
        Assert.Single(_server.Requests);
    }
}

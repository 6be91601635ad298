using System.Net;
using System.Text.Json;
using HelpdeskBot.Ai;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace HelpdeskBot.Tests.Ai;

/// <summary>The chat client (Microsoft.Extensions.AI.OpenAI) as the Ai settings make it, against a fake OpenAI-compatible server on loopback (real HTTP).</summary>
public sealed class AiChatClientTests : IAsyncLifetime
{
    private WebApplication _server = null!;
    private readonly List<(string Path, string Authorization, JsonElement Body)> _requests = [];
    private int _status = 200;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Map("/{**path}", async (HttpContext http) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
            lock (_requests) _requests.Add((http.Request.Path, http.Request.Headers.Authorization.ToString(), body));
            return _status == 200
                ? Results.Text(Completion("Restart GlobalProtect [1]."), "application/json")
                : Results.Text("""{"error":{"message":"bad key for prompt Restart GlobalProtect","type":"invalid_request_error"}}""", "application/json", statusCode: _status);
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string BaseUrl => _server.Urls.First();

    private static string Completion(string text) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-1", @object = "chat.completion", created = 1_790_000_000, model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 42, completion_tokens = 7, total_tokens = 49 },
    });

    private static IChatClient Client(string endpoint, AiProvider provider) => AiChatClient.Create(new AiOptions
    {
        Endpoint = endpoint, ApiKey = "sk-test", Model = "test-model", Provider = provider, Timeout = TimeSpan.FromSeconds(30),
    });

    [Theory]
    [InlineData("/v1", "/v1/chat/completions", AiProvider.OpenAI)]
    [InlineData("/openai/v1/", "/openai/v1/chat/completions", AiProvider.AzureOpenAI)]
    public async Task AChatCompletionRequestGoesToTheEndpointWithTheModelAndKeyAndTheReplyComesBack(
        string basePath, string expectedPath, AiProvider provider)
    {
        using var client = Client(BaseUrl + basePath, provider);

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "rules"), new ChatMessage(ChatRole.User, "sources"), new ChatMessage(ChatRole.User, "question")]);

        Assert.Equal("Restart GlobalProtect [1].", response.Text);
        Assert.Equal(49, response.Usage?.TotalTokenCount);
        var (path, authorization, body) = Assert.Single(_requests);
        Assert.Equal(expectedPath, path);
        Assert.Equal("Bearer sk-test", authorization);
        Assert.Equal("test-model", body.GetProperty("model").GetString());
        Assert.Equal(["system", "user", "user"], body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("question", body.GetProperty("messages")[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task AnErrorStatusBecomesAnHttpRequestExceptionWithoutTheResponseBody()
    {
        _status = 401;
        using var client = Client(BaseUrl + "/v1", AiProvider.OpenAI);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("question"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.DoesNotContain("GlobalProtect", error.Message);
    }
}

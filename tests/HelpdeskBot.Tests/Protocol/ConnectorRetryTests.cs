using System.Net;
using System.Text;
using HelpdeskBot.Protocol.Connector;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpdeskBot.Tests.Protocol;

/// <summary>Retries of Connector calls, driven by a clock whose timers fire at once: nothing sleeps.</summary>
public class ConnectorRetryTests
{
    private readonly InstantTimeProvider _time = new();
    private readonly ScriptedHandler _handler = new();

    private ConnectorClient Client(int maxRetries = 4) => new(
        new HttpClient(_handler),
        new Uri("https://smba.example.com/emea/"),
        tokens: null,
        ConnectorRetry.CreatePipeline(
            new ConnectorRetryOptions { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(60) },
            _time, NullLogger.Instance));

    private Task<ResourceResponse> SendAsync(ConnectorClient client) =>
        client.SendToConversationAsync("a:1", Activity.CreateMessage("hi"), CancellationToken.None);

    [Fact]
    public async Task A429IsRetriedAfterTheTimeInRetryAfter()
    {
        _handler.Respond(HttpStatusCode.TooManyRequests, retryAfterSeconds: 7);
        _handler.Respond(HttpStatusCode.OK, """{"id":"sent-1"}""");

        var response = await SendAsync(Client());

        Assert.Equal("sent-1", response.Id);
        Assert.Equal(2, _handler.Calls);
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.Waits);
    }

    [Fact]
    public async Task A503IsRetriedWithBackoffThenSucceeds()
    {
        _handler.Respond(HttpStatusCode.ServiceUnavailable);
        _handler.Respond(HttpStatusCode.OK, """{"id":"sent-2"}""");

        var response = await SendAsync(Client());

        Assert.Equal("sent-2", response.Id);
        var wait = Assert.Single(_time.Waits);
        Assert.InRange(wait, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60));
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.BadRequest)]
    public async Task ClientErrorsAreNotRetried(HttpStatusCode status)
    {
        _handler.Respond(status, """{"error":{"code":"MessageWritesBlocked","message":"Thread is blocked"}}""");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => SendAsync(Client()));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(1, _handler.Calls);
        Assert.Empty(_time.Waits);
        Assert.Equal(status == HttpStatusCode.Forbidden, error.IsBlockedByUser);
    }

    [Fact]
    public async Task RetriesAreBoundedAndTheLastFailureIsReported()
    {
        for (var i = 0; i < 10; i++) _handler.Respond(HttpStatusCode.BadGateway);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => SendAsync(Client(maxRetries: 3)));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal(4, _handler.Calls);
        Assert.Equal(3, _time.Waits.Count);
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheCapIsCapped()
    {
        _handler.Respond(HttpStatusCode.TooManyRequests, retryAfterSeconds: 3600);
        _handler.Respond(HttpStatusCode.OK, """{"id":"x"}""");

        await SendAsync(Client());

        Assert.Equal([TimeSpan.FromSeconds(60)], _time.Waits);
    }

    [Fact]
    public async Task IdsAreEscapedInThePath()
    {
        _handler.Respond(HttpStatusCode.OK, """{"id":"x"}""");

        await Client().ReplyToActivityAsync("19:abc@thread.skype;messageid=1", "1/2", Activity.CreateMessage("hi"), CancellationToken.None);

        Assert.Equal("/emea/v3/conversations/19%3Aabc%40thread.skype%3Bmessageid%3D1/activities/1%2F2", _handler.LastPath);
    }

    private sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly Queue<Func<HttpResponseMessage>> _responses = new();

        public int Calls { get; private set; }
        public string? LastPath { get; private set; }

        public void Respond(HttpStatusCode status, string? body = null, int? retryAfterSeconds = null) =>
            _responses.Enqueue(() =>
            {
                var response = new HttpResponseMessage(status)
                {
                    Content = new StringContent(body ?? "", Encoding.UTF8, "application/json"),
                };
                if (retryAfterSeconds is { } seconds)
                {
                    response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
                }

                return response;
            });

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            LastPath = request.RequestUri!.AbsolutePath;
            return Task.FromResult(_responses.Dequeue()());
        }
    }
}

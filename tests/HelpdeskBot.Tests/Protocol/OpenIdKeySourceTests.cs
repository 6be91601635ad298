using System.Net;
using HelpdeskBot.Protocol.Authentication;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace HelpdeskBot.Tests.Protocol;

/// <summary>How often the signing keys are fetched, whatever callers send, while the metadata endpoint is down.</summary>
public sealed class OpenIdKeySourceTests
{
    private const string MetadataUrl = "https://login.example.com/.well-known/openidconfiguration";

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingHandler _handler = new();

    [Fact]
    public async Task WhileTheKeysCannotBeFetchedForgedTokensTriggerOneFetchPerInterval()
    {
        var logs = new List<string>();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(new ListLoggerProvider(logs)));
        var source = new OpenIdKeySource(new HttpClient(_handler), MetadataUrl, _time, loggers.CreateLogger("keys"));

        for (var i = 0; i < 20; i++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => source.GetKeysAsync($"forged-{i}", CancellationToken.None));
        }

        Assert.Equal(1, _handler.Requests);
        Assert.Single(logs, l => l.StartsWith("Error", StringComparison.Ordinal)); // the failed fetch, logged once

        _time.Advance(TimeSpan.FromMinutes(4));
        await Assert.ThrowsAnyAsync<Exception>(() => source.GetKeysAsync("forged", CancellationToken.None));
        Assert.Equal(1, _handler.Requests);

        _time.Advance(TimeSpan.FromMinutes(2));
        await Assert.ThrowsAnyAsync<Exception>(() => source.GetKeysAsync("forged", CancellationToken.None));
        Assert.Equal(2, _handler.Requests);
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }
    }
}

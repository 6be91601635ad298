using System.Net;
using System.Net.Http.Headers;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Connector;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Bot;

/// <summary>
/// Inbound authentication against locally signed tokens (both Bot Framework paths), and the outbound token the bot
/// then sends to the channel.
/// </summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private FakeIdentityProvider _idp = null!;
    private FakeChannel _channel = null!;
    private HelpdeskBotFactory _bot = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _idp = await FakeIdentityProvider.StartAsync();
        _channel = await FakeChannel.StartAsync();
        _bot = new HelpdeskBotFactory(_idp.BotSettings());
        _client = _bot.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        await _idp.DisposeAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(Activity activity, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(activity, options: ProtocolJson.Options),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _client.SendAsync(request);
    }

    public static TheoryData<string> RejectedTokens =>
    [
        "missing", "expired", "wrong audience", "wrong issuer", "unknown key", "channel not endorsed",
        "serviceurl mismatch", "not a jwt", "emulator without ver", "emulator for another app",
        "encrypted-looking with bad segments", "three dots", "undecodable segments", "header only",
    ];

    private string? Token(string kind, string serviceUrl) => kind switch
    {
        "missing" => null,
        "expired" => _idp.ChannelToken(serviceUrl, expiresIn: TimeSpan.FromMinutes(-10)),
        "wrong audience" => _idp.ChannelToken(serviceUrl, audience: "some-other-bot"),
        "wrong issuer" => _idp.ChannelToken(serviceUrl, issuer: "https://evil.example.com"),
        "unknown key" => _idp.ChannelToken(serviceUrl, key: _idp.UnpublishedKey),
        "channel not endorsed" => _idp.ChannelToken(serviceUrl, key: _idp.WebChatOnlyKey),
        "serviceurl mismatch" => _idp.ChannelToken(serviceUrl, serviceUrlClaim: "https://evil.example.com/"),
        "not a jwt" => "definitely-not-a-jwt",
        "encrypted-looking with bad segments" => "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.AAAAA.AAAA.AAAA.AAAA",
        "three dots" => "...",
        "undecodable segments" => "eyJ!.eyJ!.x!",
        "header only" => "eyJhbGciOiJSUzI1NiJ9..",
        "emulator without ver" => _idp.EmulatorToken(version: null),
        "emulator for another app" => _idp.EmulatorToken(azp: "another-app"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task RequestsWithoutAValidTokenAreRefusedWith401AndAnEmptyBody(string kind)
    {
        var message = TeamsActivities.Message(_channel.ServiceUrl, "help");

        var response = await PostAsync(message, Token(kind, _channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task AValidChannelTokenIsAcceptedAndTheReplyCarriesTheBotsOwnToken()
    {
        var message = TeamsActivities.Message(_channel.ServiceUrl, "help");

        var response = await PostAsync(message, _idp.ChannelToken(_channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await _channel.WaitForRequestsAsync(1));
        Assert.Equal("Bearer outbound-token-1", reply.Authorization);
        var tokenRequest = Assert.Single(_idp.TokenRequests);
        Assert.Equal("client_credentials", tokenRequest["grant_type"]);
        Assert.Equal(FakeIdentityProvider.BotAppId, tokenRequest["client_id"]);
        Assert.Equal("https://api.botframework.com/.default", tokenRequest["scope"]);
    }

    [Fact]
    public async Task TheOutboundTokenIsCachedAcrossReplies()
    {
        await PostAsync(TeamsActivities.Message(_channel.ServiceUrl, "help"), _idp.ChannelToken(_channel.ServiceUrl));
        await PostAsync(TeamsActivities.Message(_channel.ServiceUrl, "hello"), _idp.ChannelToken(_channel.ServiceUrl));

        var replies = await _channel.WaitForRequestsAsync(2);

        Assert.All(replies, r => Assert.Equal("Bearer outbound-token-1", r.Authorization));
        Assert.Single(_idp.TokenRequests);
    }

    [Fact]
    public async Task AnEntraTokenForThisBotIsAcceptedOnTheEmulatorPath()
    {
        var response = await PostAsync(TeamsActivities.Message(_channel.ServiceUrl, "help"), _idp.EmulatorToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer outbound-token-1", Assert.Single(await _channel.WaitForRequestsAsync(1)).Authorization);
    }

    [Fact]
    public async Task TheBotsTokenIsNeverSentToAServiceUrlThatDidNotArriveOnAnAuthenticatedActivity()
    {
        var connectors = _bot.Services.GetRequiredService<ConnectorClientFactory>();

        Assert.Throws<UnauthorizedAccessException>(() => connectors.Create(_channel.ServiceUrl));
        Assert.Throws<UnauthorizedAccessException>(() => connectors.Create("https://evil.example.com/"));

        await PostAsync(TeamsActivities.Message(_channel.ServiceUrl, "help"), _idp.ChannelToken(_channel.ServiceUrl));
        Assert.NotNull(connectors.Create(_channel.ServiceUrl));
        Assert.Throws<UnauthorizedAccessException>(() => connectors.Create("https://evil.example.com/"));
    }

    [Fact]
    public async Task OnlyAnAuthenticatedTeamsActivityPutsItsSenderInThePeopleDirectory()
    {
        var webChat = TeamsActivities.Message(_channel.ServiceUrl, "hello");
        webChat.ChannelId = "webchat";
        webChat.From = new ChannelAccount("29:mallory", "Megan Bowen") { AadObjectId = "aad-megan" };
        var teams = TeamsActivities.Message(_channel.ServiceUrl, "hello");

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(webChat, _idp.ChannelToken(_channel.ServiceUrl, key: _idp.WebChatOnlyKey))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(teams, _idp.ChannelToken(_channel.ServiceUrl))).StatusCode);

        await using var scope = _bot.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<PeopleDirectory>();
        Assert.Null(await directory.FindByTeamsIdAsync("29:mallory", default));
        Assert.NotNull(await directory.FindByTeamsIdAsync(TeamsActivities.UserId, default));
    }

    [Fact]
    public async Task ATeamsActivityFromAnotherTenantThanTheOneServedRecordsNobody()
    {
        var settings = _idp.BotSettings();
        settings["MicrosoftAppTenantId"] = "tenant-served";
        await using var bot = new HelpdeskBotFactory(settings);
        _client = bot.CreateClient();

        var response = await PostAsync(TeamsActivities.Message(_channel.ServiceUrl, "hello"), _idp.ChannelToken(_channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var scope = bot.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().FindByTeamsIdAsync(TeamsActivities.UserId, default));
    }

    [Fact]
    public async Task AnActivityWhoseServiceUrlDiffersFromTheTokensIsRefused()
    {
        var token = _idp.ChannelToken(_channel.ServiceUrl);
        var message = TeamsActivities.Message("https://evil.example.com/", "help");

        var response = await PostAsync(message, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task WhenTheSigningKeysCannotBeLoadedTheRequestIsAnswered503NotAccepted()
    {
        var settings = _idp.BotSettings();
        settings["ToBotFromChannelOpenIdMetadataUrl"] = $"http://127.0.0.1:{BotProcess.FreePort()}/.well-known/openidconfiguration";
        await using var bot = new HelpdeskBotFactory(settings);
        _client = bot.CreateClient();

        var response = await PostAsync(TeamsActivities.Message(_channel.ServiceUrl, "help"), _idp.ChannelToken(_channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(_channel.Requests);
    }
}

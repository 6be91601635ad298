using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HelpdeskBot.Chat;
using HelpdeskBot.Knowledge;
using HelpdeskBot.People;
using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Bot;

/// <summary>The messaging endpoint over HTTP, with a fake channel on loopback recording what the bot sends.</summary>
public sealed class MessagesEndpointTests() : BotWithChannel(HelpdeskBotFactory.WithMiddleware(new ThrowOnBoom()))
{
    [Fact]
    public async Task HelpIsAnsweredWithTheWelcomeCardAsAReply()
    {
        var message = TeamsActivities.Message(Channel.ServiceUrl, "help");

        var response = await Client.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(await Channel.WaitForRequestsAsync(1));
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v3/conversations/a%3Apersonal-1/activities/{message.Id}", request.Path);
        var reply = request.Activity;
        Assert.Equal(TeamsActivities.BotId, reply.From?.Id);
        Assert.Equal(TeamsActivities.UserId, reply.Recipient?.Id);
        Assert.Equal(message.Id, reply.ReplyToId);
        var card = Assert.Single(reply.Attachments!);
        Assert.Equal(Attachment.AdaptiveCardContentType, card.ContentType);
        Assert.Contains("help desk bot", card.Content!.Value.GetRawText());
    }

    [Fact]
    public async Task AMessageWithANulCharacterIsAnsweredNotRefusedOrCrashed()
    {
        var message = TeamsActivities.Message(Channel.ServiceUrl, "my printer\0 is on fire");
        message.From!.Name = "Ada\0 Lovelace";

        var response = await Client.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await Channel.WaitForRequestsAsync(1));
        await using var scope = Bot.Services.CreateAsyncScope();
        var person = await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().FindByTeamsIdAsync(TeamsActivities.UserId, default);
        Assert.Equal("Ada Lovelace", person?.Name); // kept whole, without the NUL the database would cut it at
        var stored = await scope.ServiceProvider.GetRequiredService<HelpdeskBot.Storage.HelpdeskDbContext>().Conversations.AsNoTracking()
            .SingleAsync(c => c.ConversationId == "a:personal-1");
        Assert.Equal("Ada Lovelace", stored.UserName); // the stored conversation reference too
    }

    [Theory]
    [InlineData("""{"verb":[1,null,"x",{}],"item":"hardware-request"}""", "value")]
    [InlineData("""{"verb":"help"}""", "an empty mention")]
    [InlineData("""{"verb":"help"}""", "a mention whose id is an object")]
    public async Task ValuesOfTheWrongShapeGetAPoliteAnswerNotA500(string value, string shape)
    {
        var message = TeamsActivities.Message(Channel.ServiceUrl, shape == "value" ? "" : "<at>HelpdeskBot</at> my tickets");
        message.Value = JsonDocument.Parse(value).RootElement.Clone();
        if (shape != "value")
        {
            var mentioned = shape == "an empty mention" ? """{"id":"28:bot-app-id"}""" : """{"id":{"nested":5}}""";
            message.Value = null;
            message.Entities = [JsonSerializer.Deserialize<Entity>($$"""{"type":"mention","text":"","mentioned":{{mentioned}}}""", ProtocolJson.Options)!];
        }

        var response = await Client.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await Channel.WaitForRequestsAsync(1)); // answered
    }

    [Theory]
    [InlineData("conversation.id")]
    [InlineData("from.id")]
    [InlineData("replyToId")]
    public async Task AnIdHoldingANulCharacterIsRefusedWith400NotStoredCut(string field)
    {
        var message = TeamsActivities.Message(Channel.ServiceUrl, "help");
        switch (field)
        {
            case "conversation.id": message.Conversation!.Id = "a:personal-1\0-someone-else"; break;
            case "from.id": message.From = new ChannelAccount("29:user-1\0x", "Ada"); break;
            default: message.ReplyToId = "card\0"; break;
        }

        var response = await Client.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"{field} holds a NUL character", (await response.Content.ReadFromJsonAsync<ErrorResponse>(ProtocolJson.Options))?.Error?.Message);
        Assert.Empty(Channel.Requests);
    }

    [Fact]
    public async Task AQuestionNobodyWroteAnArticleForGetsAPlainAnswerNotAnEcho()
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "my printer is on fire"));

        var reply = Assert.Single(await Channel.WaitForRequestsAsync(1)).Activity;
        var shown = Assert.Single(reply.Attachments!).Content!.Value.GetProperty("body")[0].GetProperty("text").GetString();
        Assert.Equal(KnowledgeAnswers.NoAnswer, shown);
        Assert.DoesNotContain("fire", shown); // the question rides only in the buttons' data, for the form
    }

    [Fact]
    public async Task InstallingTheBotSendsTheWelcomeCardOnceEvenWhenTeamsAnnouncesItTwice()
    {
        var installed = TeamsActivities.BotInstalled(Channel.ServiceUrl);
        var installation = TeamsActivities.BotInstalled(Channel.ServiceUrl);
        installation.Type = ActivityTypes.InstallationUpdate;
        installation.Action = "add";
        installation.MembersAdded = null;

        Assert.Equal(HttpStatusCode.OK, (await Client.PostActivityAsync(installed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostActivityAsync(installation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostActivityAsync(installed)).StatusCode);

        var welcome = Assert.Single(await Channel.WaitForRequestsAsync(1));
        Assert.Equal("/v3/conversations/a%3Apersonal-1/activities", welcome.Path); // a new message, not a reply
        Assert.NotNull(welcome.Activity.Attachments);
    }

    [Fact]
    public async Task ExpectRepliesReturnsTheRepliesInTheResponseInsteadOfPostingThem()
    {
        var message = TeamsActivities.Message(Channel.ServiceUrl, "help");
        message.DeliveryMode = DeliveryModes.ExpectReplies;

        var response = await Client.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options);
        var reply = Assert.Single(replies!.Activities);
        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.NotNull(reply.Attachments);
        Assert.Empty(Channel.Requests);
    }

    [Fact]
    public async Task ActionExecuteIsAnsweredWithACardThatReplacesTheClickedOne()
    {
        var invoke = TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action",
            new { action = new { type = "Action.Execute", verb = "help" }, trigger = "manual" });

        var response = await Client.PostActivityAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        Assert.Equal("AdaptiveCard", body.GetProperty("value").GetProperty("type").GetString());
    }

    [Fact]
    public async Task AnActionExecuteWithAnUnknownVerbGetsAnErrorTheClientCanShow()
    {
        var invoke = TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action",
            new { action = new { type = "Action.Execute", verb = "self-destruct" }, trigger = "manual" });

        var body = await (await Client.PostActivityAsync(invoke)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.error", body.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("value").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task TheActionSubmitFallbackOfTheHelpButtonShowsHelp()
    {
        var submit = TeamsActivities.Message(Channel.ServiceUrl, "");
        submit.Text = null;
        submit.Value = ProtocolJson.ToElement(new { verb = "help" });

        await Client.PostActivityAsync(submit);

        Assert.NotNull(Assert.Single(await Channel.WaitForRequestsAsync(1)).Activity.Attachments);
    }

    [Fact]
    public async Task AnInvokeNobodyHandlesIsAnswered501()
    {
        var invoke = TeamsActivities.Invoke(Channel.ServiceUrl, "composeExtension/query", new { commandId = "search" });

        var response = await Client.PostActivityAsync(invoke);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"text":"no type"}""")]
    [InlineData("""["type","message"]""")]
    [InlineData("""{"type":"message","text":"no conversation","serviceUrl":"http://127.0.0.1:1/"}""")]
    public async Task MalformedBodiesAreRefusedWith400AndAReason(string body)
    {
        var response = await Client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<ErrorResponse>(ProtocolJson.Options);
        Assert.False(string.IsNullOrEmpty(error?.Error?.Message));
    }

    [Theory]
    [InlineData("""{"type":"conversationUpdate","conversation":{"id":"a:1"},"serviceUrl":"http://127.0.0.1:1/","membersAdded":[null]}""")]
    [InlineData("""{"type":"conversationUpdate","conversation":{"id":"a:1"},"serviceUrl":"http://127.0.0.1:1/","membersRemoved":[null]}""")]
    [InlineData("""{"type":"message","text":"hi","conversation":{"id":"a:1"},"serviceUrl":"http://127.0.0.1:1/","attachments":[null],"entities":[null]}""")]
    public async Task NullEntriesInAnActivitysListsAreRefusedWith400NotACrash(string body)
    {
        var response = await Client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<ErrorResponse>(ProtocolJson.Options);
        Assert.Contains("null entry", error?.Error?.Message);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("//x")]
    [InlineData("/relative/path")]
    public async Task AServiceUrlThatIsNotAnAbsoluteHttpUrlIsRefusedWith400(string serviceUrl)
    {
        var message = TeamsActivities.Message(serviceUrl, "help");

        var response = await Client.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<ErrorResponse>(ProtocolJson.Options);
        Assert.Contains("serviceUrl", error?.Error?.Message);
    }

    [Fact]
    public async Task BodiesAboveTheConfiguredSizeAreRefusedWith413SayingSo()
    {
        var message = TeamsActivities.Message(Channel.ServiceUrl, new string('x', 300 * 1024));

        var response = await Client.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<ErrorResponse>(ProtocolJson.Options);
        Assert.Equal("PayloadTooLarge", error?.Error?.Code);
        Assert.Empty(Channel.Requests);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task ABodyThatIsNotJsonIsRefusedWith415(string? contentType)
    {
        var body = JsonSerializer.Serialize(TeamsActivities.Message(Channel.ServiceUrl, "help"), ProtocolJson.Options);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var response = await Client.PostAsync("/api/messages", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(Channel.Requests);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task OtherMethodsThanPostAreRefusedWith405(string method)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/messages"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task AFailingTurnIsLoggedWithItsActivityIdAnswered500AndDoesNotAffectTheNext()
    {
        var boom = TeamsActivities.Message(Channel.ServiceUrl, "boom");

        var failed = await Client.PostActivityAsync(boom);
        var next = await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "help"));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Single(await Channel.WaitForRequestsAsync(1));
        Assert.Contains(Bot.Logs, line => line.StartsWith("Error", StringComparison.Ordinal) &&
            line.Contains(boom.Id!, StringComparison.Ordinal) && line.Contains("InvalidOperationException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACallerIdArrivingOverTheWireIsDropped()
    {
        var probe = new CallerIdProbe();
        await using var bot = HelpdeskBotFactory.WithMiddleware(probe);
        var message = TeamsActivities.Message(Channel.ServiceUrl, "help");
        message.CallerId = "urn:botframework:azure";

        await bot.CreateClient().PostActivityAsync(message);

        Assert.True(probe.Seen);
        Assert.Null(probe.CallerId);
    }

    private sealed class ThrowOnBoom : IBotMiddleware
    {
        public Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken) =>
            turnContext.Activity.Text == "boom" ? throw new InvalidOperationException("boom") : next(cancellationToken);
    }

    private sealed class CallerIdProbe : IBotMiddleware
    {
        public bool Seen { get; private set; }
        public string? CallerId { get; private set; }

        public Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            Seen = true;
            CallerId = turnContext.Activity.CallerId;
            return next(cancellationToken);
        }
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using HelpdeskBot.Chat;
using HelpdeskBot.Handover;
using HelpdeskBot.Outages;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Requests;
using HelpdeskBot.Routing;
using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tests.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Routing;

/// <summary>
/// The model router as employees meet it, over /api/messages with the sample knowledge base and catalog: messages in
/// words no keyword rule knows reach the capability they ask for, something outside IT is declined, notices change
/// only when asked for, and "Which do you mean?" takes the message where the person chose.
/// </summary>
public sealed class RoutingChatTests() : BotWithChannel(new HelpdeskBotFactory(new Dictionary<string, string?>
{
    ["Knowledge:ArticlesPath"] = KnowledgeFixture.SampleArticles,
    ["Knowledge:Search:SynonymsPath"] = RepositoryRoot.Combine("knowledge", "synonyms.txt"),
    ["Routing:UseModel"] = "true",
}))
{
    private static JsonElement CardOf(Activity reply) => Assert.Single(reply.Attachments!).Content!.Value;

    private static string? FormOf(Activity reply) =>
        reply.Attachments is [{ } attachment] && attachment.Content!.Value.GetProperty("actions").EnumerateArray()
            .FirstOrDefault(a => a.GetProperty("verb").GetString() == HelpdeskBot.Catalog.IntakeCard.SubmitVerb) is { ValueKind: JsonValueKind.Object } submit
            ? submit.GetProperty("data").GetProperty("item").GetString()
            : null;

    [Fact]
    public async Task AskingForSomeoneToRingBackGetsTheHandoverOffer()
    {
        var reply = Assert.Single(await SayAsync("could one of the IT folks give me a ring back this afternoon"));

        Assert.Contains(HandoverOfferCard.Title, CardTexts.Of(CardOf(reply)));
    }

    [Fact]
    public async Task BookingAnnualLeaveIsDeclinedAsNotITNotAnsweredWithAnArticle()
    {
        var reply = Assert.Single(await SayAsync("how do I book annual leave"));

        Assert.Equal(HelpdeskActivityHandler.OutOfScope, reply.Text);
        Assert.Null(reply.Attachments);
    }

    [Fact]
    public async Task ShowMeMyOpenTicketsListsTheirTickets()
    {
        var reply = Assert.Single(await SayAsync("show me my open tickets"));

        Assert.Equal(MyTicketsCard.None, reply.Text);
    }

    [Fact]
    public async Task ARequestInOwnWordsOpensItsFormWithTheMessageInIt()
    {
        var reply = Assert.Single(await SayAsync("could you put Visio on my machine please"));

        Assert.Equal("software-install", FormOf(reply));
    }

    [Fact]
    public async Task SayingAServiceIsDownForEveryoneWithNoOutageKnownOpensTheIncidentFormForIt()
    {
        var replies = await SayAsync("email is down for everyone in my team");

        Assert.Contains("I don't know of an outage on Email", replies[0].Text);
        Assert.Equal("report-incident", FormOf(replies[^1]));
        Assert.Equal("email", CardTexts.InputValue(CardOf(replies[^1]), "service"));
    }

    [Fact]
    public async Task AServiceNameAloneSubscribesNobodyAndAskingToBeKeptPostedDoes()
    {
        await SayAsync("vpn");
        await SayAsync("keep me posted if the vpn has problems");

        await using var scope = Bot.Services.CreateAsyncScope();
        var subscriptions = await scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>().Set<ServiceSubscription>().AsNoTracking().ToListAsync();
        var only = Assert.Single(subscriptions);
        Assert.Equal(("vpn", true), (only.ServiceId, only.Subscribed));
    }

    [Fact]
    public async Task AChoiceOnWhichDoYouMeanOpensTheChosenFormWithTheMessageAndTheCardSaysWhich()
    {
        const string message = "the strap on my laptop bag snapped";
        var invoke = TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action", new
        {
            action = new { type = "Action.Execute", verb = RouteChoiceCard.ChooseVerb, data = new RouteChoiceCard.Choice(RouteChoiceCard.ChooseVerb, "hardware-request", message) },
        });

        var body = await (await Client.PostActivityAsync(invoke)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Contains("✓ Hardware request", CardTexts.Of(body.GetProperty("value")));
        var form = Assert.Single((await Channel.WaitForRequestsAsync(1)).Select(r => r.Activity));
        Assert.Equal("hardware-request", FormOf(form));
    }

    [Fact]
    public async Task AChoiceOfAnIntentNoLongerOfferedGetsAClearErrorAndNothingElse()
    {
        var invoke = TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action", new
        {
            action = new { type = "Action.Execute", verb = RouteChoiceCard.ChooseVerb, data = new RouteChoiceCard.Choice(RouteChoiceCard.ChooseVerb, "retired-item", "hello") },
        });

        var body = await (await Client.PostActivityAsync(invoke)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Contains("no longer on offer", CardTexts.Of(body.GetProperty("value")));
        Assert.Empty(Channel.Requests);
    }
}

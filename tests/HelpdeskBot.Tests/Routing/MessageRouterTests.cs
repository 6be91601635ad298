using HelpdeskBot.Catalog;
using HelpdeskBot.Routing;
using HelpdeskBot.Tests.Catalog;

namespace HelpdeskBot.Tests.Routing;

/// <summary>
/// The router's decision from given similarities (no model here): the keyword rules' evidence, the margin that asks
/// instead of guessing, the intents a message must also read like, and questions close to a form.
/// </summary>
public sealed class MessageRouterTests
{
    private static readonly ServiceCatalog Catalog = ShippedCatalog.Catalog;
    private static readonly CatalogMatcher Matcher = new(Catalog);
    private static readonly RoutingOptions Settings = new();

    private static MessageRoute Decide(string text, params (string Intent, double Score)[] scores) =>
        MessageRouter.Decide([.. scores.Select(s => new IntentScore(s.Intent, s.Score, Catalog.Find(s.Intent)))], text, Matcher.Match(text), Settings);

    [Fact]
    public void TheClosestIntentWinsWhenNoOtherIsWithinTheMargin()
    {
        var route = Decide("can somebody phone me about this", (Intents.Person, 0.62), (Intents.Tickets, 0.41));

        Assert.Equal(Intents.Person, route.Intent);
        Assert.False(route.IsChoice);
    }

    [Fact]
    public void TwoFormsWithinTheMarginAreBothOfferedClosestFirst()
    {
        var route = Decide("the strap on my laptop bag snapped", ("report-incident", 0.450), ("hardware-request", 0.445), (Intents.Answer, 0.2));

        Assert.True(route.IsChoice);
        Assert.Equal(["report-incident", "hardware-request"], route.Choices.Select(c => c.Item!.Id));
    }

    [Fact]
    public void AMessageLikeNoIntentIsAQuestionForTheKnowledgeBase()
    {
        var route = Decide("xyzzy plugh", (Intents.Decline, Settings.MinScore - 0.01), (Intents.Person, 0.1));

        Assert.Equal(Intents.Answer, route.Intent);
        Assert.Null(route.NextStep);
    }

    [Fact]
    public void AHowToQuestionClosestToAFormIsAnsweredWithTheFormAsItsNextStepNotOpenedWithoutAnAnswer()
    {
        var route = Decide("how do I get access to the finance share", ("access-request", 0.7), (Intents.Answer, 0.5));

        Assert.Equal(Intents.Answer, route.Intent);
        Assert.Equal("access-request", route.NextStep?.Id);
        Assert.False(route.FormIfUnanswered);
    }

    [Fact]
    public void AProblemCloseToAQuestionIsAnsweredFirstAndItsFormOpensWhenThereIsNoAnswer()
    {
        var route = Decide("printer keeps jamming", ("report-incident", 0.50), (Intents.Answer, 0.49));

        Assert.Equal(Intents.Answer, route.Intent);
        Assert.Equal("report-incident", route.NextStep?.Id);
        Assert.True(route.FormIfUnanswered);
    }

    [Fact]
    public void NoticesAreChangedOnlyForAMessageThatSpeaksOfThem()
    {
        Assert.Equal(Intents.Answer, Decide("vpn", (Intents.Subscribe, 0.55), (Intents.Answer, 0.49)).Intent);
        Assert.Equal(Intents.Subscribe, Decide("keep me posted about vpn", (Intents.Subscribe, 0.55), (Intents.Answer, 0.49)).Intent);
    }

    [Fact]
    public void OutageStatusIsForAQuestionAReportOfAFaultIsAnIncident()
    {
        Assert.Equal("report-incident", Decide("outlook is down for me please fix", (Intents.Outage, 0.66), ("report-incident", 0.57)).Item?.Id);
        Assert.Equal(Intents.Outage, Decide("is outlook down?", (Intents.Outage, 0.66), ("report-incident", 0.57)).Intent);
    }

    [Theory]
    [InlineData("any update on my monitor request?")]
    [InlineData("chasing my access request from last week")]
    [InlineData("where's my ticket for the broken dock")]
    [InlineData("has my software request been approved yet")]
    [InlineData("how long until my laptop order arrives")]
    public void AQuestionAfterARequestAlreadyMadeGoesToTheTicketsNotToANewForm(string text)
    {
        var route = Decide(text, ("hardware-request", 0.62), ("access-request", 0.55), (Intents.Tickets, 0.45));

        Assert.Equal(Intents.Tickets, route.Intent);
    }

    [Theory]
    [InlineData("I need to request a new monitor")]
    [InlineData("please order me a new monitor, mine broke")]
    public void AskingForSomethingNewStillOpensItsForm(string text)
    {
        Assert.Equal("hardware-request", Decide(text, ("hardware-request", 0.62), (Intents.Tickets, 0.45)).Item?.Id);
    }

    [Fact]
    public void AKeywordRuleTipsTheBalanceBetweenCloseIntents()
    {
        // "new laptop please" matches the hardware request's keywords for sure: its evidence lifts it past the margin.
        var route = Decide("new laptop please", ("report-incident", 0.50), ("hardware-request", 0.49));

        Assert.Equal("hardware-request", route.Item?.Id);
    }

    [Fact]
    public void SomethingOutsideITIsDeclinedUnlessItReadsAsMuchLikeAQuestion()
    {
        Assert.Equal(Intents.Decline, Decide("book annual leave", (Intents.Decline, 0.6), (Intents.Answer, 0.4)).Intent);
        Assert.Equal(Intents.Answer, Decide("the projector lamp", (Intents.Decline, 0.45), (Intents.Answer, 0.44)).Intent);
    }

    [Fact]
    public void TheShippedIntentsAndCatalogGiveEveryBuiltInIntentAndFormExamples()
    {
        var examples = Intents.Examples(Catalog);

        Assert.Superset(Intents.BuiltIn.ToHashSet(), examples.Select(e => e.Intent).ToHashSet());
        Assert.All(Catalog.Items.Where(i => i.Id != ServiceCatalog.OtherRequestId), i => Assert.True(i.Examples.Count >= 20, i.Id));
        Assert.Empty(examples.GroupBy(e => e.Text.ToLowerInvariant()).Where(g => g.Select(e => e.Intent).Distinct().Count() > 1).Select(g => g.Key));
    }
}

using System.Text.Json;
using HelpdeskBot.Knowledge;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tests.Knowledge;

namespace HelpdeskBot.Tests.Bot;

/// <summary>Knowledge:NextSteps replaces the default forms offered when the knowledge base has no answer.</summary>
public sealed class NextStepsSettingTests() : BotWithChannel(new HelpdeskBotFactory(new Dictionary<string, string?>
{
    ["Knowledge:ArticlesPath"] = KnowledgeFixture.SampleArticles,
    ["Knowledge:NextSteps:0"] = "other-request",
    ["Knowledge:NextSteps:1"] = "no-such-item",
}))
{
    [Fact]
    public async Task TheConfiguredItemsReplaceTheDefaultsAndOnesTheCatalogLacksAreSkipped()
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "when is payday this month"));

        var card = Assert.Single((await Channel.WaitForRequestsAsync(1))[0].Activity.Attachments!).Content!.Value;
        Assert.Equal(KnowledgeAnswers.NoAnswer, card.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Equal(["other-request"], CardTexts.FormButtons(card).Select(b => b.Item));
    }
}

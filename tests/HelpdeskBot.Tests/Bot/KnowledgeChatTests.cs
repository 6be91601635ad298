using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpdeskBot.Knowledge;
using HelpdeskBot.Knowledge.Answers;
using HelpdeskBot.Knowledge.Storage;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tests.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Bot;

/// <summary>Questions answered in chat from the sample knowledge base, feedback on answers, and article pages.</summary>
public sealed class KnowledgeChatTests() : BotWithChannel(new HelpdeskBotFactory(new Dictionary<string, string?>
{
    ["Knowledge:ArticlesPath"] = KnowledgeFixture.SampleArticles,
    ["Knowledge:Search:SynonymsPath"] = RepositoryRoot.Combine("knowledge", "synonyms.txt"),
    ["Knowledge:PublicBaseUrl"] = "https://helpdesk.example.com",
}))
{
    private async Task<JsonElement> AskAsync(string question)
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, question));
        var reply = (await Channel.WaitForRequestsAsync(1))[^1].Activity;
        return Assert.Single(reply.Attachments!).Content!.Value;
    }

    [Fact]
    public async Task AQuestionIsAnsweredWithTheBestSectionTheArticleAndFeedbackButtons()
    {
        var answer = await AskAsync("vpn wont conect from home");
        var card = answer.GetRawText();

        Assert.Equal("VPN won't connect", answer.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Contains("https://helpdesk.example.com/kb/vpn-cannot-connect", card);
        Assert.Contains("Was this helpful?", card);
        Assert.Contains(AnswerCard.FeedbackVerb, card);
    }

    [Fact]
    public async Task WithoutAiSettingsNoChatModelIsRegisteredAndTheAnswerIsExtractive()
    {
        var answer = await AskAsync("vpn wont conect from home");

        Assert.Null(Bot.Services.GetService<IChatClient>());
        await using var scope = Bot.Services.CreateAsyncScope();
        Assert.Null(scope.ServiceProvider.GetService<GroundedAnswers>());
        Assert.DoesNotContain(GeneratedAnswerCard.GeneratedNote, answer.GetRawText());
        Assert.Equal("Open article", answer.GetProperty("actions")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task NotHelpfulUpdatesTheCardInPlaceAndIsRecordedAsAGap()
    {
        await AskAsync("bitlocker recovery key");
        var invoke = TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action", new
        {
            action = new
            {
                type = "Action.Execute", verb = AnswerCard.FeedbackVerb,
                data = new { articleId = "bitlocker-recovery-key", helpful = false, question = "bitlocker recovery key" },
            },
        });

        var body = await (await Client.PostActivityAsync(invoke)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        var card = body.GetProperty("value").GetRawText();
        Assert.Contains(KnowledgeAnswers.Thanks, card);
        Assert.DoesNotContain("Was this helpful?", card);
        await using var scope = Bot.Services.CreateAsyncScope();
        var gap = await scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>().Gaps.SingleAsync();
        Assert.Equal((KnowledgeGapKind.NotHelpful, "bitlocker-recovery-key"), (gap.Kind, gap.ArticleId));
    }

    [Fact]
    public async Task AQuestionTheBaseDoesNotCoverIsDeclinedAndRecordedAsAGap()
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "when is payday this month"));

        Assert.Equal(KnowledgeAnswers.NoAnswer, (await Channel.WaitForRequestsAsync(1))[0].Activity.Text);
        await using var scope = Bot.Services.CreateAsyncScope();
        Assert.Equal(KnowledgeGapKind.Declined, (await scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>().Gaps.SingleAsync()).Kind);
    }

    [Fact]
    public async Task APublishedArticleIsServedAsAPageAndAnUnknownOneIs404()
    {
        var page = await Client.GetAsync("/kb/bitlocker-recovery-key");
        var missing = await Client.GetAsync("/kb/no-such-article");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

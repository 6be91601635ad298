using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpdeskBot.Catalog;
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
public abstract class KnowledgeChatTestsOn(string provider) : BotWithChannel(new HelpdeskBotFactory(new Dictionary<string, string?>
{
    ["Database:Provider"] = provider,
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

    private Task<HttpResponseMessage> PressAsync(string verb, object data) =>
        Client.PostActivityAsync(TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action",
            new { action = new { type = "Action.Execute", verb, data } }));

    private static async Task<JsonElement> CardOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        return body.GetProperty("value");
    }

    [Fact]
    public async Task NotHelpfulUpdatesTheCardInPlaceOffersAnIncidentWithTheQuestionAndIsRecordedAsAGap()
    {
        await AskAsync("bitlocker recovery key");

        var card = await CardOfAsync(await PressAsync(AnswerCard.FeedbackVerb,
            new { articleId = "bitlocker-recovery-key", helpful = false, question = "bitlocker recovery key" }));

        Assert.Contains(KnowledgeAnswers.NotHelpful, CardTexts.Of(card));
        Assert.Equal("BitLocker recovery key requested at startup", card.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.DoesNotContain("Was this helpful?", card.GetRawText());
        Assert.Equal([("Report an incident", "report-incident", "bitlocker recovery key")], CardTexts.FormButtons(card));
        await using var scope = Bot.Services.CreateAsyncScope();
        var gap = await scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>().Gaps.SingleAsync();
        Assert.Equal((KnowledgeGapKind.NotHelpful, "bitlocker-recovery-key"), (gap.Kind, gap.ArticleId));
    }

    [Fact]
    public async Task HelpfulThanksWithoutOfferingAFormAndRecordsNoGap()
    {
        var card = await CardOfAsync(await PressAsync(AnswerCard.FeedbackVerb,
            new { articleId = "bitlocker-recovery-key", helpful = true, question = "bitlocker recovery key" }));

        Assert.Contains(KnowledgeAnswers.Thanks, card.GetRawText());
        Assert.Empty(CardTexts.FormButtons(card));
        await using var scope = Bot.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>().Gaps.ToListAsync());
    }

    [Fact]
    public async Task NotHelpfulOnAnArticleNoLongerTheAnswerStillReplacesTheCardWithTheNextStep()
    {
        // The card named an article that search no longer ranks first (retired or outranked since it was sent).
        var card = await CardOfAsync(await PressAsync(AnswerCard.FeedbackVerb,
            new { articleId = "an-article-since-retired", helpful = false, question = "bitlocker recovery key" }));

        Assert.Equal(KnowledgeAnswers.NotHelpful, Assert.Single(card.GetProperty("body").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal([("Report an incident", "report-incident", "bitlocker recovery key")], CardTexts.FormButtons(card));
    }

    [Fact]
    public async Task AQuestionTheBaseDoesNotCoverIsDeclinedWithFormsToOpenAndRecordedAsAGap()
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "when is payday this month"));

        var card = Assert.Single((await Channel.WaitForRequestsAsync(1))[0].Activity.Attachments!).Content!.Value;
        Assert.Equal(KnowledgeAnswers.NoAnswer, card.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Equal(
            [("Report an incident", "report-incident", "when is payday this month"), ("Other request", "other-request", "when is payday this month")],
            CardTexts.FormButtons(card));
        await using var scope = Bot.Services.CreateAsyncScope();
        Assert.Equal(KnowledgeGapKind.Declined, (await scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>().Gaps.SingleAsync()).Kind);
    }

    [Fact]
    public async Task ANextStepButtonOpensTheFormWithTheQuestionInItsMessageFieldOnly()
    {
        var form = await CardOfAsync(await PressAsync(CatalogChoiceCard.OpenVerb,
            new { action = CatalogChoiceCard.OpenVerb, item = "other-request", message = "when is payday this month" }));

        Assert.Equal("when is payday this month", CardTexts.InputValue(form, "details"));
        Assert.Null(CardTexts.InputValue(form, "summary"));
    }

    [Fact]
    public async Task AButtonCarriesAtMostAThousandCharactersOfAVeryLongQuestion()
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "payday " + new string('x', 9_000)));

        var card = Assert.Single((await Channel.WaitForRequestsAsync(1))[0].Activity.Attachments!).Content!.Value;
        Assert.All(CardTexts.FormButtons(card), b => Assert.Equal(CatalogChoiceCard.MaxMessageCharacters, b.Message!.Length));
    }

    [Fact]
    public async Task ThanksGetsAWelcomeNotADeclineAndIsNotRecordedAsAGap()
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "thanks, that's all I needed!"));

        Assert.Equal(HelpdeskBot.Chat.SmallTalk.Welcome, (await Channel.WaitForRequestsAsync(1))[0].Activity.Text);
        await using var scope = Bot.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>().Gaps.ToListAsync());
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

    public static TheoryData<string> OddMessages => new()
    {
        new string('x', 10_000),
        string.Concat(Enumerable.Repeat("vpn wont connect ", 600)),
        "🔥💻🔥🙏",
        "الشبكة الافتراضية لا تتصل",
        "\"vpn\" OR NEAR(a b) * ^ title:x -y AND (",
        "'; DROP TABLE Articles; --",
        "vpn\u0001\u001b[31m\u0007 broken",
        "?",
    };

    [Theory]
    [MemberData(nameof(OddMessages))]
    public async Task OddMessagesGetAPlainAnswerAndNeverBreakTheTurn(string text)
    {
        var response = await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await Channel.WaitForRequestsAsync(1)).Activity;
        Assert.True(reply.Attachments is [{ ContentType: "application/vnd.microsoft.card.adaptive" }], $"unexpected reply: {reply.Text}");
        Assert.DoesNotContain(Bot.Logs, l => l.Contains("fail", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task HtmlAndScriptInAnArticleNeverReachTheCardOrThePageAsMarkup()
    {
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            var kb = scope.ServiceProvider.GetRequiredService<HelpdeskBot.Knowledge.Authoring.KnowledgeBase>();
            var document = HelpdeskBot.Knowledge.Articles.ArticleParser.Parse("zebra-scanner", """
                ---
                title: Pair the <b>Zebra</b> barcode scanner
                tags: [zebra, scanner]
                service: hardware
                ---
                <script>alert('pwned')</script>
                Pair the <b>Zebra</b> barcode scanner <img src=x onerror=alert(1)> over Bluetooth from the cradle.
                """, "zebra-scanner.md");
            await kb.SaveAsync(document, "test", default);
            await kb.PublishAsync("zebra-scanner", default);
        }

        var card = string.Join("\n", Strings(await AskAsync("pair the zebra barcode scanner")));
        var page = await Client.GetStringAsync("/kb/zebra-scanner");

        Assert.Contains("Bluetooth from the cradle", card);
        Assert.DoesNotContain("<script", card, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", card, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert('pwned')", card);
        Assert.DoesNotContain("<b>", card);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", page);
    }

    // Every string in a card, as the client reads it (the JSON on the wire may escape '<').
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}

public sealed class KnowledgeChatTests() : KnowledgeChatTestsOn(TestDatabases.Sqlite);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class KnowledgeChatTestsOnPostgreSQL() : KnowledgeChatTestsOn(TestDatabases.PostgreSQL);

using System.Net.Http.Json;
using System.Text.Json;
using HelpdeskBot.Knowledge;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tests.Knowledge;
using HelpdeskBot.Knowledge.Answers;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Bot;

/// <summary>Questions in chat with a chat model configured (scripted): generated answers with sources, and fallbacks.</summary>
public sealed class GeneratedAnswerChatTests : BotWithChannel
{
    private const string Generated = "Restart GlobalProtect, then sign in again with MFA [1].";
    private readonly ScriptedChatClient _model;

    public GeneratedAnswerChatTests() : this(new ScriptedChatClient(Generated)) { }

    private GeneratedAnswerChatTests(ScriptedChatClient model) : base(new HelpdeskBotFactory(
        new Dictionary<string, string?>
        {
            ["Knowledge:ArticlesPath"] = KnowledgeFixture.SampleArticles,
            ["Knowledge:Search:SynonymsPath"] = RepositoryRoot.Combine("knowledge", "synonyms.txt"),
            ["Knowledge:PublicBaseUrl"] = "https://helpdesk.example.com",
            // Configured as a real deployment would be; the scripted client below replaces the OpenAI one.
            ["Ai:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Ai:Model"] = "test-model",
            ["Ai:Provider"] = "OpenAICompatible",
        },
        services => services.AddSingleton<IChatClient>(model))) => _model = model;

    private async Task<JsonElement> AskAsync(string question)
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, question));
        // "typing…" while the model composes, then the answer.
        var sent = await Channel.WaitForRequestsAsync(2);
        Assert.Equal("typing", sent[0].Activity.Type);
        return Assert.Single(sent[1].Activity.Attachments!).Content!.Value;
    }

    [Fact]
    public async Task AQuestionIsAnsweredWithTheGeneratedTextItsSourcesAndFeedbackButtons()
    {
        var answer = await AskAsync("vpn wont conect from home");
        var card = answer.GetRawText();

        Assert.Equal(Generated, answer.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Contains(GeneratedAnswerCard.GeneratedNote, card);
        Assert.Contains("Sources:", card);
        Assert.Contains("[Open article](https://helpdesk.example.com/kb/vpn-cannot-connect)", card);
        Assert.Contains("Was this helpful?", card);
        Assert.Contains(AnswerCard.FeedbackVerb, card);
        var sources = Assert.Single(_model.Calls)[1].Text;
        Assert.Contains("VPN won't connect", sources);
    }

    [Fact]
    public async Task WhenTheModelFailsTheAnswerIsTheExtractiveCard()
    {
        _model.Throw(new HttpRequestException("down"));

        var answer = await AskAsync("vpn wont conect from home");

        Assert.DoesNotContain(GeneratedAnswerCard.GeneratedNote, answer.GetRawText());
        Assert.Equal("VPN won't connect", answer.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Contains(Bot.Logs, l => l.StartsWith("Warning") && l.Contains("HttpRequestException"));
    }

    [Fact]
    public async Task WhenTheModelFindsNoAnswerInTheSectionsTheQuestionIsDeclinedWithNextStepsAndRecordedAsAGap()
    {
        // Search finds the VPN article; the model, reading it, says it does not answer the question.
        _model.Reply(GroundedAnswerPrompt.NoAnswer);
        const string question = "vpn wont conect from home";

        var card = await AskAsync(question);

        Assert.Equal(KnowledgeAnswers.NoAnswer, card.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Equal(
            [("Report an incident", "report-incident", question), ("Other request", "other-request", question)],
            CardTexts.FormButtons(card));
        await using var scope = Bot.Services.CreateAsyncScope();
        var gap = await scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>().Gaps.SingleAsync();
        Assert.Equal((KnowledgeGapKind.Declined, question), (gap.Kind, gap.Question));
        Assert.Contains(Bot.Logs, l => l.Contains("the chat model found none in the sections of"));
    }

    [Fact]
    public async Task FeedbackOnAGeneratedAnswerUpdatesTheCardWithoutCallingTheModelAgain()
    {
        await AskAsync("vpn wont conect from home");
        var invoke = TeamsActivities.Invoke(Channel.ServiceUrl, "adaptiveCard/action", new
        {
            action = new
            {
                type = "Action.Execute", verb = AnswerCard.FeedbackVerb,
                data = new { articleId = "vpn-cannot-connect", helpful = true, question = "vpn wont conect from home", generated = true },
            },
        });

        var body = await (await Client.PostActivityAsync(invoke)).Content.ReadFromJsonAsync<JsonElement>();

        var card = body.GetProperty("value").GetRawText();
        Assert.Contains(KnowledgeAnswers.Thanks, card);
        Assert.DoesNotContain("Was this helpful?", card);
        Assert.Single(_model.Calls);
    }
}

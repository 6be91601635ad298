using HelpdeskBot.Knowledge.Answers;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Tests.Ai;

/// <summary>The Ai settings are checked when the bot starts, with messages that say what to fix.</summary>
public sealed class AiOptionsTests
{
    [Theory]
    [InlineData("localhost:11434/v1", "gpt-4o-mini", "OpenAICompatible", "", "Ai:Endpoint must be an absolute http(s) URL")]
    [InlineData("ftp://models.example.com/v1", "gpt-4o-mini", "OpenAICompatible", "", "Ai:Endpoint must be an absolute http(s) URL")]
    [InlineData("https://api.openai.com/v1", "", "OpenAI", "sk-test", "Ai:Model is required when Ai:Endpoint is set")]
    [InlineData("https://api.openai.com/v1", "gpt-4o-mini", "OpenAI", "", "Ai:ApiKey is required for Ai:Provider OpenAI")]
    [InlineData("https://contoso.openai.azure.com/", "my-deployment", "AzureOpenAI", "key", "must be the resource's v1 endpoint")]
    public async Task BadAiSettingsStopTheBotAtStartWithAClearMessage(
        string endpoint, string model, string provider, string apiKey, string expected)
    {
        var error = Assert.IsType<OptionsValidationException>(await HelpdeskBotFactory.StartupErrorAsync(new Dictionary<string, string?>
        {
            ["Ai:Endpoint"] = endpoint, ["Ai:Model"] = model, ["Ai:Provider"] = provider, ["Ai:ApiKey"] = apiKey,
        }));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task AnOpenAICompatibleServerNeedsNoKeyAndEmptySettingsAreValid()
    {
        await using var compatible = new HelpdeskBotFactory(new Dictionary<string, string?>
        {
            ["Ai:Endpoint"] = "http://localhost:11434/v1", ["Ai:Model"] = "llama3.2", ["Ai:Provider"] = "OpenAICompatible",
        });
        await using var none = new HelpdeskBotFactory();

        Assert.NotNull(compatible.CreateClient());
        Assert.NotNull(none.CreateClient());
    }

    [Fact]
    public async Task TheAiSettingsReachTheAnswerComposer()
    {
        await using var bot = new HelpdeskBotFactory(new Dictionary<string, string?>
        {
            ["Ai:Endpoint"] = "http://localhost:11434/v1", ["Ai:Model"] = "llama3.2", ["Ai:Provider"] = "OpenAICompatible",
            ["Ai:Timeout"] = "00:00:05", ["Ai:MaxSections"] = "2", ["Ai:ModelCanDecline"] = "false",
        });

        var composer = bot.Services.GetRequiredService<IOptions<GroundedAnswerOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(5), 2, false), (composer.Timeout, composer.MaxSections, composer.ModelCanDecline));
        Assert.True(new GroundedAnswerOptions().ModelCanDecline);
    }

    [Fact]
    public async Task WithNoModelNeitherTheChatClientNorThePluginsAreRegistered()
    {
        await using var none = new HelpdeskBotFactory();
        await using var scope = none.Services.CreateAsyncScope();

        Assert.Null(scope.ServiceProvider.GetService<Microsoft.Extensions.AI.IChatClient>());
        Assert.Null(scope.ServiceProvider.GetService<GroundedAnswers>());
        Assert.Null(scope.ServiceProvider.GetService<HelpdeskBot.Ai.ChatTools>());
    }
}

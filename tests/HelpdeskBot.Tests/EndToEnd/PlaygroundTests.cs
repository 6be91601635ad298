using HelpdeskBot.Tests.Infrastructure;

namespace HelpdeskBot.Tests.EndToEnd;

/// <summary>
/// The built bot, started as a newcomer starts it, talking to Microsoft's own local Teams client (Agents Playground
/// 0.2.28) over the real protocol: no fakes on either side.
/// </summary>
public sealed class PlaygroundTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("playground-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task TheWelcomeCardArrivesAndAMessageGetsItsAnswerInTheAgentsPlayground()
    {
        var botPort = BotProcess.FreePort();
        await using var bot = BotProcess.Start(_folder.FullName, [], botPort);
        await bot.WaitForOutputAsync("HelpdeskBot is listening", TimeSpan.FromSeconds(60));
        await using var playground = await Playground.StartAsync($"http://127.0.0.1:{botPort}/api/messages", _folder.FullName);

        await playground.InstallAsync();
        var welcome = await playground.WaitForBotMessageAsync(
            m => Playground.HasCardContaining(m, "IT help desk bot"), "the welcome card");

        await playground.SayAsync("my vpn wont connect");
        await playground.WaitForBotMessageAsync(m => Playground.HasCardContaining(m, "Was this helpful?"), "a knowledge answer");

        await playground.SayAsync("when is payday");
        await playground.WaitForBotMessageAsync(m => Playground.HasText(m, "couldn't find an article"), "the honest no-answer");

        await playground.SayAsync("help");
        await playground.WaitForBotMessageAsync(m => Playground.HasCardContaining(m, "Show help"), "the help card");

        var clicked = await playground.ExecuteAsync(welcome.GetProperty("messageId").GetString()!, "help");
        Assert.Equal("application/vnd.microsoft.card.adaptive", clicked.GetProperty("type").GetString());
        Assert.Contains("IT help desk bot", clicked.GetProperty("value").GetRawText());
        Assert.DoesNotContain("fail:", bot.Output); // no error logged on the bot's side either
    }
}

using System.Text.RegularExpressions;
using HelpdeskBot.Tests.Infrastructure;

namespace HelpdeskBot.Tests.Terminal;

/// <summary>
/// The README's terminal walkthrough, replayed: its piped input goes into `chat`, and every line it quotes must come
/// out of the bot in that order, so the README cannot drift from what the product says.
/// </summary>
public sealed partial class ReadmeWalkthroughTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("readme-walkthrough-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData(0)] // a request and its approval
    [InlineData(1)] // asking for a person, and being the agent too
    [InlineData(2)] // an outage from monitoring's alert to resolved
    public async Task TheReadmesTerminalWalkthroughIsWhatTheBotSays(int walkthrough)
    {
        var readme = await File.ReadAllTextAsync(RepositoryRoot.Combine("README.md"));
        var commands = PipedCommand().Matches(readme);
        Assert.True(commands.Count > walkthrough, $"README.md has no walkthrough #{walkthrough + 1}: `printf '...' | dotnet run --project bot/HelpdeskBot -- chat`");
        var command = commands[walkthrough];
        var quoted = Transcript().Match(readme[command.Index..]);
        Assert.True(quoted.Success, "no ```text block follows the walkthrough's command");

        await using var chat = BotProcess.Start(_folder.FullName, ["chat"], redirectInput: true);
        await chat.Input.WriteAsync(Regex.Unescape(command.Groups["input"].Value));
        chat.Input.Close();
        Assert.Equal(0, await chat.WaitForExitAsync(TimeSpan.FromMinutes(1)));

        var said = chat.Output.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        var at = 0;
        foreach (var line in quoted.Groups["lines"].Value.Split('\n').Select(l => l.TrimEnd()).Where(l => l is not ("…" or "")))
        {
            var found = said.FindIndex(at, l => l == line);
            Assert.True(found >= 0, $"The README quotes a line the bot did not say (or not at that point):\n{line}\n\nThe bot said:\n{chat.Output}");
            at = found + 1;
        }
    }

    [GeneratedRegex(@"printf '(?<input>[^']*)' \| dotnet run --project bot/HelpdeskBot -- chat")]
    private static partial Regex PipedCommand();

    [GeneratedRegex(@"```text\n(?<lines>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Transcript();
}

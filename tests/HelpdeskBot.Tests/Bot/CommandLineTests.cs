using HelpdeskBot.Tests.Infrastructure;

namespace HelpdeskBot.Tests.Bot;

/// <summary>What a newcomer's first commands do, run as the built app in its own process.</summary>
public sealed class CommandLineTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("command-line-");

    public void Dispose() => _work.Delete(recursive: true);

    private Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => BotProcess.RunAsync(_work.FullName, arguments);

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task HelpPrintsTheUsageAndStartsNothing(string flag)
    {
        var (exitCode, output) = await RunAsync(flag);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Usage: dotnet run --project bot/HelpdeskBot -- [command] [options]", output);
        Assert.Contains("chat ", output);
        Assert.Contains("kb import <folder>", output);
        Assert.Contains("people import <file>", output);
        Assert.Contains("ConnectionStrings:Helpdesk", output);
        Assert.DoesNotContain("listening", output);
        Assert.False(File.Exists(Path.Combine(_work.FullName, "helpdesk.db")), "no database is created");
    }

    [Fact]
    public async Task AnUnknownCommandIsRefusedWithTheUsageAndStartsNothing()
    {
        var (exitCode, output) = await RunAsync("frobnicate");

        Assert.True(exitCode == 2, output);
        Assert.StartsWith("Unknown command 'frobnicate'.", output);
        Assert.Contains("Usage:", output);
        Assert.DoesNotContain("listening", output);
        Assert.False(File.Exists(Path.Combine(_work.FullName, "helpdesk.db")), "no database is created");
    }

    [Fact]
    public async Task AFirstStartSummarisesTheImportInOneLineAndEndsWithHowToChat()
    {
        var port = BotProcess.FreePort();
        await using var bot = BotProcess.Start(_work.FullName, [], port);

        await bot.WaitForOutputAsync("Press Ctrl+C to stop.", Deadline);

        var output = bot.Output;
        Assert.DoesNotContain("Published article", output);
        Assert.Single(Lines(output), line => line.Contains("Imported knowledge articles from"));
        var banner = output.IndexOf($"HelpdeskBot is listening on http://127.0.0.1:{port}/api/messages", StringComparison.Ordinal);
        Assert.True(banner >= 0, output);
        Assert.Contains($"-e http://127.0.0.1:{port}/api/messages -c msteams", output);
        Assert.Contains("then open http://localhost:56150 (another port: add -p <port>)", output);
        // Nothing logged after the banner: it is the last thing a newcomer reads.
        Assert.EndsWith("Press Ctrl+C to stop.", output.TrimEnd());
    }

    [Fact]
    public async Task DotnetRunInACheckoutRunsInTheDevelopmentEnvironment()
    {
        var port = BotProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Helpdesk"] = $"Data Source={Path.Combine(_work.FullName, "helpdesk.db")}",
            ["DOTNET_NOLOGO"] = "1",
        };
        string[] arguments = ["run", "--no-build", "--project", RepositoryRoot.Combine("bot", "HelpdeskBot"), "--", "--urls", $"http://127.0.0.1:{port}"];
        await using var bot = ExternalProcess.Start("dotnet", arguments, RepositoryRoot.Path, environment);

        await bot.WaitForOutputAsync("Press Ctrl+C to stop.", Deadline);

        Assert.Contains("(Development environment)", bot.Output);
    }

    private static string[] Lines(string output) => output.Split('\n');
}

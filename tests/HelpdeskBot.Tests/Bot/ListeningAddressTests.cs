using HelpdeskBot;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace HelpdeskBot.Tests.Bot;

/// <summary>
/// The built bot in its own process: the standard ways to set its address work, in ASP.NET Core's usual order
/// (<c>--urls</c> over <c>Urls</c> over <c>ASPNETCORE_URLS</c>), and nothing set means localhost:3978.
/// </summary>
public sealed class ListeningAddressTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("urls-");

    // Started where a newcomer starts it, next to the repository's appsettings.json (which the host then also reads
    // from its content root, at appsettings precedence).
    public ListeningAddressTests() =>
        File.Copy(RepositoryRoot.Combine("appsettings.json"), Path.Combine(_folder.FullName, "appsettings.json"));

    public void Dispose() => _folder.Delete(recursive: true);

    private async Task<string> ListeningLineAsync(IEnumerable<string> arguments, Dictionary<string, string> environment)
    {
        await using var bot = BotProcess.Start(_folder.FullName, arguments, extra: environment);
        await bot.WaitForOutputAsync("Chat with it:", TimeSpan.FromSeconds(60));
        return bot.Output.Split('\n').First(l => l.Contains("HelpdeskBot is listening", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AspNetCoreUrlsIsHonoured()
    {
        var port = BotProcess.FreePort();

        var line = await ListeningLineAsync([], new() { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });

        Assert.Contains($"http://127.0.0.1:{port}/api/messages", line);
    }

    [Fact]
    public async Task UrlsOutranksAspNetCoreUrlsAndTheCommandLineOutranksBoth()
    {
        var (prefixed, plain, argument) = (BotProcess.FreePort(), BotProcess.FreePort(), BotProcess.FreePort());
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{prefixed}", ["Urls"] = $"http://127.0.0.1:{plain}",
        };

        var fromEnvironment = await ListeningLineAsync([], environment);
        var fromCommandLine = await ListeningLineAsync(["--urls", $"http://127.0.0.1:{argument}"], environment);

        Assert.Contains($"http://127.0.0.1:{plain}/api/messages", fromEnvironment);
        Assert.Contains($"http://127.0.0.1:{argument}/api/messages", fromCommandLine);
    }

    [Fact]
    public void WithNothingSetTheDefaultIsLocalhost3978AndAnythingElseOutranksIt()
    {
        var plain = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] }).AddRepositoryConfiguration();
        var given = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:1"] }).AddRepositoryConfiguration();

        Assert.Equal("http://localhost:3978", plain.Configuration["urls"]);
        Assert.Equal("http://127.0.0.1:1", given.Configuration["urls"]);
    }
}

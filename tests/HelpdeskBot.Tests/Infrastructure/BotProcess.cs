using System.Net;
using System.Net.Sockets;

namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>The built bot run as a newcomer runs it: its own process, its own SQLite file, a loopback port.</summary>
public static class BotProcess
{
    public static string DllPath => System.IO.Path.Combine(AppContext.BaseDirectory, "HelpdeskBot.dll");

    public static ExternalProcess Start(
        string workingDirectory, IEnumerable<string> arguments, int? port = null, bool redirectInput = false,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var variables = new Dictionary<string, string>
        {
            ["ConnectionStrings__Helpdesk"] = $"Data Source={System.IO.Path.Combine(workingDirectory, "helpdesk.db")}",
            ["DOTNET_NOLOGO"] = "1",
            // As when started from the repository root: the sample knowledge base, the synonyms, the try-it people.
            ["Knowledge__ArticlesPath"] = RepositoryRoot.Combine("knowledge", "articles"),
            ["Knowledge__Search__SynonymsPath"] = RepositoryRoot.Combine("knowledge", "synonyms.txt"),
            ["People__DevelopmentImportPath"] = RepositoryRoot.Combine("bot", "HelpdeskBot", "People", "development-people.csv"),
        };
        if (port is { } p)
        {
            variables["Urls"] = $"http://127.0.0.1:{p}";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        return ExternalProcess.Start("dotnet", [DllPath, .. arguments], workingDirectory, variables, redirectInput);
    }

    /// <summary>Runs a command (<c>kb import ...</c>, <c>--help</c>) to its end, within a minute; its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments)
    {
        await using var process = Start(workingDirectory, arguments);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromMinutes(1));
        return (exitCode, process.Output);
    }

    /// <summary>A port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using HelpdeskBot.Commands;

namespace HelpdeskBot.Terminal;

public static class TerminalExtensions
{
    public static bool IsChatMode(string[] args) => args is ["chat", ..];

    /// <summary>
    /// In chat mode (<c>-- chat</c>) the app listens on a free loopback port only, anonymously (nothing leaves the
    /// machine), and keeps its logs quiet so the conversation stays readable.
    /// </summary>
    public static WebApplicationBuilder AddTerminalChat(this WebApplicationBuilder builder, string[] args)
    {
        if (!IsChatMode(args))
        {
            return builder;
        }

        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["Logging:LogLevel:Default"] = "Error",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "None",
        });
        builder.Services.AddSingleton(_ => new TerminalChannel(Console.Out, ansi: !Console.IsOutputRedirected));
        return builder;
    }

    /// <summary>Runs the terminal chat in chat mode, a command in command mode (<c>kb ...</c>), else serves until stopped.</summary>
    public static async Task<int> RunHelpdeskAsync(this WebApplication app, string[] args)
    {
        if (CommandLineExtensions.IsCommandMode(args))
        {
            return await app.RunCommandAsync(args);
        }

        if (IsChatMode(args))
        {
            app.MapTerminalConnector();
            return await TerminalChat.RunAsync(app, Console.In, Console.Out, app.Lifetime.ApplicationStopping);
        }

        app.Lifetime.ApplicationStarted.Register(() => PrintHowToChat(app));
        await app.RunAsync();
        return 0;
    }

    // Logged, not written to the console, so it comes after the start-up lines the logger still has queued.
    private static void PrintHowToChat(WebApplication app)
    {
        var url = (app.Urls.FirstOrDefault() ?? "http://localhost:3978").TrimEnd('/');
        app.Logger.LogInformation("""
            HelpdeskBot is listening on {Endpoint} ({Environment} environment).
            Chat with it:
              - In the terminal: dotnet run --project bot/HelpdeskBot -- chat
              - Microsoft 365 Agents Playground: npx @microsoft/m365agentsplayground@0.2.28 -e {Endpoint} -c msteams
                then open {PlaygroundUrl} (another port: add -p <port>)
            Press Ctrl+C to stop.
            """, $"{url}/api/messages", app.Environment.EnvironmentName, $"{url}/api/messages", "http://localhost:56150");
    }
}

namespace HelpdeskBot.Commands;

/// <summary>
/// What the first word on the command line asks for, decided before anything is built: <c>--help</c> prints the usage
/// and an unknown word is refused with it, so neither starts the server. Options (<c>--urls</c>,
/// <c>--Knowledge:ArticlesPath=...</c>) are settings for serving, as in any ASP.NET Core app.
/// </summary>
public static class Usage
{
    public const int Ok = 0, UnknownCommand = 2;

    private static readonly string[] HelpWords = ["--help", "-h", "-?", "/?", "help"];
    private static readonly string[] Commands = ["chat", KnowledgeCommand.Name, PeopleCommand.Name];

    public const string Text = """
        HelpdeskBot: an IT help desk bot for Microsoft Teams.

        Usage: dotnet run --project bot/HelpdeskBot -- [command] [options]
           or: HelpdeskBot [command] [options]   (the published app)

        Commands:
          (none)                 Serve the bot on http://localhost:3978 (/api/messages for Teams or the Agents Playground).
          chat                   Chat with the bot in this terminal (it serves itself on a loopback port).
          kb import <folder>     Publish a folder of Markdown articles.
          kb search "<question>" Show what the bot would answer, or why it would decline.
          kb gaps                List the questions the knowledge base did not answer.
          kb evaluate <articles> <questions.json>
                                 Measure search on labeled questions.
          people import <file>   Add and update people from a CSV file.
          kb --help, people --help
                                 The options of each command.

        Main settings (appsettings.json; override as --Section:Key=value or environment variables Section__Key):
          --urls <address>                     Where to listen (also ASPNETCORE_URLS, Urls).
          ConnectionStrings:Helpdesk           The SQLite database (default: Data Source=helpdesk.db).
          MicrosoftAppId, MicrosoftAppPassword,
          MicrosoftAppTenantId                 The Azure Bot registration; empty runs without authentication.
          Knowledge:ArticlesPath               The articles imported at start (default: knowledge/articles).
          Api:Keys                             Keys and roles for the REST API.
          Ai:Endpoint, Ai:Model, Ai:ApiKey     An optional chat model that composes answers.

        More: README.md and bot/README.md in the repository.
        """;

    /// <summary>
    /// Prints the usage for <c>--help</c> (exit 0) or an unknown command (exit 2, on standard error); null when the
    /// arguments ask to serve, chat or run a known command.
    /// </summary>
    public static int? TryHandle(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not [var first, ..])
        {
            return null;
        }

        if (HelpWords.Contains(first, StringComparer.OrdinalIgnoreCase))
        {
            output.WriteLine(Text);
            return Ok;
        }

        if (first.StartsWith('-') || Commands.Contains(first))
        {
            return null;
        }

        error.WriteLine($"Unknown command '{first}'.");
        error.WriteLine();
        error.WriteLine(Text);
        return UnknownCommand;
    }
}

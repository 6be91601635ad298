using System.CommandLine;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Commands;

/// <summary>
/// One-shot commands (<c>dotnet run --project bot/HelpdeskBot -- kb import knowledge/articles</c>): the app is built
/// with all its services and settings but serves nothing; the command runs, prints, and its exit code is returned.
/// A feature adds its command to <see cref="Create"/> and its name to <see cref="Names"/>.
/// </summary>
public static class CommandLineExtensions
{
    private static readonly string[] Names = [KnowledgeCommand.Name, PeopleCommand.Name];

    public static bool IsCommandMode(string[] args) => args is [var first, ..] && Names.Contains(first);

    /// <summary>In command mode only errors are logged: the command prints what matters (import errors included).</summary>
    public static WebApplicationBuilder AddCommandLine(this WebApplicationBuilder builder, string[] args)
    {
        if (IsCommandMode(args))
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Error",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "None",
            });
        }

        return builder;
    }

    public static RootCommand Create(IServiceProvider services) =>
        new("HelpdeskBot commands. Without one the app serves the bot; `chat` talks to it in the terminal.")
        {
            KnowledgeCommand.Create(services),
            PeopleCommand.Create(services),
        };

    public static async Task<int> RunCommandAsync(this WebApplication app, string[] args)
    {
        try
        {
            return await Create(app.Services).Parse(args).InvokeAsync();
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"The configuration is not valid: {ex.Message}");
            return 1;
        }
    }

    /// <summary>What every command needs first: settings checked (as at a normal start) and the database migrated.</summary>
    public static async Task<AsyncServiceScope> PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetService<IStartupValidator>()?.Validate();
        await services.GetRequiredService<Storage.DatabaseMigrator>().MigrateAsync(cancellationToken);
        await services.GetRequiredService<Knowledge.KnowledgeStartup>().MigrateAsync(cancellationToken);
        return services.CreateAsyncScope();
    }

    /// <summary>
    /// A folder named on the command line: from the current folder, else from the repository root (as configured
    /// paths are, since <c>dotnet run --project</c> starts in the project folder).
    /// </summary>
    public static string ResolveFolder(string path) =>
        Directory.Exists(path) ? Path.GetFullPath(path) : RepositoryConfiguration.ResolvePath(path);

    /// <summary>A file named on the command line, found as <see cref="ResolveFolder"/> finds a folder.</summary>
    public static string ResolveFile(string path) =>
        File.Exists(path) ? Path.GetFullPath(path) : RepositoryConfiguration.ResolvePath(path);
}

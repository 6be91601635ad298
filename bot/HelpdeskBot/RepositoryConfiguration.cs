using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace HelpdeskBot;

public static class RepositoryConfiguration
{
    /// <summary>Where the bot listens unless <c>ASPNETCORE_URLS</c>, <c>Urls</c> or <c>--urls</c> says otherwise.</summary>
    public const string DefaultUrls = "http://localhost:3978";

    /// <summary>
    /// The repository root's appsettings.json (copied next to the app) is the base configuration, whatever directory
    /// the app is started from; anything else (environment variables, command line) still overrides it. Below even
    /// that, the default address: not in appsettings.json, where it would outrank <c>ASPNETCORE_URLS</c>.
    /// </summary>
    public static WebApplicationBuilder AddRepositoryConfiguration(this WebApplicationBuilder builder)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var source = new JsonConfigurationSource { Path = path, Optional = true };
        source.ResolveFileProvider(); // an absolute path needs a file provider of its own, not the content root's
        builder.Configuration.Sources.Insert(0, source);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new(WebHostDefaults.ServerUrlsKey, DefaultUrls)],
        });
        return builder;
    }

    /// <summary>
    /// Resolves a configured relative path (articles, synonyms, the SQLite file) against the repository root when the
    /// app runs inside a checkout, since <c>dotnet run --project bot/HelpdeskBot</c> starts in the project folder;
    /// elsewhere against the current directory. Absolute paths are kept.
    /// </summary>
    public static string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HelpdeskBot.sln")))
            {
                return Path.Combine(dir.FullName, path);
            }
        }

        return Path.GetFullPath(path);
    }
}

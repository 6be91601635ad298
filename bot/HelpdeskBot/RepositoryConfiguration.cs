using Microsoft.Extensions.Configuration.Json;

namespace HelpdeskBot;

public static class RepositoryConfiguration
{
    /// <summary>
    /// The repository root's appsettings.json (copied next to the app) is the base configuration, whatever directory
    /// the app is started from; anything else (environment variables, command line) still overrides it.
    /// </summary>
    public static WebApplicationBuilder AddRepositoryConfiguration(this WebApplicationBuilder builder)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var source = new JsonConfigurationSource { Path = path, Optional = true };
        source.ResolveFileProvider(); // an absolute path needs a file provider of its own, not the content root's
        builder.Configuration.Sources.Insert(0, source);
        return builder;
    }
}

using System.Text;
using HelpdeskBot.Protocol.Authentication;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.People;

/// <summary>
/// In local development only (no MicrosoftAppId), imports <see cref="PeopleOptions.DevelopmentImportPath"/> at start:
/// the terminal chat's user and the Agents Playground's users with their managers, so a newcomer can file a request
/// that needs approval and approve it. Never runs against a real Teams tenant.
/// </summary>
public sealed class DevelopmentPeopleImport(
    IServiceScopeFactory scopes, IOptions<PeopleOptions> options, IOptions<BotFrameworkOptions> bot, ILogger<DevelopmentPeopleImport> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!bot.Value.IsAuthenticationDisabled || string.IsNullOrWhiteSpace(options.Value.DevelopmentImportPath))
        {
            return;
        }

        var path = RepositoryConfiguration.ResolvePath(options.Value.DevelopmentImportPath);
        if (!File.Exists(path))
        {
            logger.LogWarning("No development people file at {Path}; approvals need people imported (see README)", path);
            return;
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var parsed = PeopleCsv.Parse(reader);
        await using var scope = scopes.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(parsed.Records, PersonSource.Csv, cancellationToken);
        logger.LogInformation("Development mode: imported the people of {Path} (terminal and Playground users): {Report}", path, report);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using HelpdeskBot.People;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.People;

/// <summary>The try-it people (terminal and Playground users with managers) come in only in local development.</summary>
public class DevelopmentPeopleImportTests
{
    private static readonly string File = RepositoryRoot.Combine("bot", "HelpdeskBot", "People", "development-people.csv");

    private static async Task<(Person? Terminal, ManagerLookup? Manager)> TerminalUserAsync(HelpdeskBotFactory bot)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<PeopleDirectory>();
        var terminal = await people.FindByTeamsIdAsync("terminal-user", default);
        return (terminal, terminal is null ? null : await people.ManagerOfAsync(terminal, default));
    }

    [Fact]
    public async Task InDevelopmentTheTerminalUserCanAskTheirManagerForApproval()
    {
        await using var bot = new HelpdeskBotFactory(new Dictionary<string, string?> { ["People:DevelopmentImportPath"] = File });

        var (terminal, manager) = await TerminalUserAsync(bot);

        Assert.NotNull(terminal);
        Assert.True(manager!.CanApprove, manager.Problem);
        Assert.Equal(("Megan Bowen", "user-id-1"), (manager.Manager!.Name, manager.Manager.TeamsId));
    }

    [Fact]
    public async Task WithAMicrosoftAppIdNothingIsImported()
    {
        await using var bot = new HelpdeskBotFactory(new Dictionary<string, string?>
        {
            ["People:DevelopmentImportPath"] = File,
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppPassword"] = "secret",
        });

        Assert.Null((await TerminalUserAsync(bot)).Terminal);
    }
}

using HelpdeskBot.People;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.People;

/// <summary>The bot middleware: who sends an activity to /api/messages lands in the directory.</summary>
public abstract class PeopleFromChatTestsOn(string provider) : BotWithChannel(new HelpdeskBotFactory(new Dictionary<string, string?> { ["Database:Provider"] = provider }))
{
    [Fact]
    public async Task TheSenderOfAMessageIsInTheDirectoryByTheirTeamsId()
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "hello"));
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "hello again"));

        await using var scope = Bot.Services.CreateAsyncScope();
        var person = await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().FindByTeamsIdAsync(TeamsActivities.UserId, default);
        Assert.Equal(("Ada Lovelace", "aad-user-1", PersonSource.Activity), (person?.Name, person?.AadObjectId, person?.Source));
    }

    [Fact]
    public async Task AnActivityFromAnotherIdCarryingSomeonesEntraIdDoesNotTakeOverTheirEntry()
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "hello"));
        var borrowed = TeamsActivities.Message(Channel.ServiceUrl, "hello", "a:personal-2");
        borrowed.From = new ChannelAccount("29:mallory", "Ada Lovelace") { AadObjectId = "aad-user-1" };

        await Client.PostActivityAsync(borrowed);

        await using var scope = Bot.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<PeopleDirectory>();
        Assert.Equal("aad-user-1", (await directory.FindByTeamsIdAsync(TeamsActivities.UserId, default))?.AadObjectId);
        Assert.Null(await directory.FindByTeamsIdAsync("29:mallory", default));
        Assert.Contains(Bot.Logs, line => line.StartsWith("Warning", StringComparison.Ordinal) &&
            line.Contains("Refused to rebind", StringComparison.Ordinal) && line.Contains("29:mallory", StringComparison.Ordinal));
    }

    private async Task ImportAdaAsync(string name)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().ImportAsync(
            [(2, new PersonRecord("ada@contoso.example", name, TeamsId: TeamsActivities.UserId))], PersonSource.Csv, default);
    }

    [Fact]
    public async Task ADirectoryNameIsKeptWhateverNameAClientSends()
    {
        await ImportAdaAsync("Terminal User");
        var message = TeamsActivities.Message(Channel.ServiceUrl, "hello");
        message.From = new ChannelAccount(TeamsActivities.UserId, "root");

        await Client.PostActivityAsync(message);

        await using var scope = Bot.Services.CreateAsyncScope();
        Assert.Equal("Terminal User", (await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().FindByTeamsIdAsync(TeamsActivities.UserId, default))?.Name);
    }

    [Fact]
    public async Task TheWelcomeGreetsThePersonByTheirDirectoryNameWhenTheInstallNamesNobody()
    {
        await ImportAdaAsync("Alex Wilber");
        var installed = TeamsActivities.BotInstalled(Channel.ServiceUrl);
        installed.From = new ChannelAccount(TeamsActivities.UserId); // as the Agents Playground sends it: no name

        await Client.PostActivityAsync(installed);

        var welcome = (await Channel.WaitForRequestsAsync(1))[0].Activity;
        Assert.Contains("Hi Alex Wilber, I'm the IT help desk bot", CardTexts.Of(welcome.Attachments![0].Content!.Value));
    }
}

public sealed class PeopleFromChatTests() : PeopleFromChatTestsOn(TestDatabases.Sqlite);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class PeopleFromChatTestsOnPostgreSQL() : PeopleFromChatTestsOn(TestDatabases.PostgreSQL);

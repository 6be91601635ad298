using HelpdeskBot.People;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.People;

/// <summary>The bot middleware: who sends an activity to /api/messages lands in the directory.</summary>
public sealed class PeopleFromChatTests() : BotWithChannel(new HelpdeskBotFactory())
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
}

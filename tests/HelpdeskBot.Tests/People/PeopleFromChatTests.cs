using HelpdeskBot.People;
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
}

using HelpdeskBot.Conversations;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Bot;

/// <summary>Stored conversation references, and proactive messages sent through them.</summary>
public abstract class ConversationReferenceTestsOn(string provider) : BotWithChannel(new HelpdeskBotFactory(new Dictionary<string, string?> { ["Database:Provider"] = provider }))
{
    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    [Fact]
    public async Task EveryInboundActivityStoresItsConversationReference()
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "hello there"));

        var stored = await InScopeAsync(sp => sp.GetRequiredService<HelpdeskDbContext>().Conversations.SingleAsync());
        Assert.Equal("msteams", stored.ChannelId);
        Assert.Equal("a:personal-1", stored.ConversationId);
        Assert.Equal(Channel.ServiceUrl, stored.ServiceUrl);
        Assert.Equal(TeamsActivities.TenantId, stored.TenantId);
        Assert.Equal(TeamsActivities.UserId, stored.UserId);
        Assert.Equal(TeamsActivities.BotId, stored.BotId);
        Assert.False(stored.Authenticated); // anonymous development mode
    }

    [Fact]
    public async Task AProactiveMessageContinuesAStoredConversationAndCanBeUpdatedInPlace()
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "hello"));
        await Channel.WaitForRequestsAsync(1);

        var sent = await InScopeAsync(sp => sp.GetRequiredService<ProactiveMessenger>()
            .SendToConversationAsync("msteams", "a:personal-1", Activity.CreateMessage("Your ticket was updated"), default));
        await InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ProactiveMessenger>()
                .UpdateAsync("msteams", "a:personal-1", sent.Id!, Activity.CreateMessage("Your ticket was resolved"), default);
            return true;
        });

        var requests = await Channel.WaitForRequestsAsync(3);
        Assert.Equal(("POST", "/v3/conversations/a%3Apersonal-1/activities"), (requests[1].Method, requests[1].Path));
        Assert.Equal("Your ticket was updated", requests[1].Activity.Text);
        Assert.Equal(TeamsActivities.UserId, requests[1].Activity.Recipient?.Id);
        Assert.Equal(("PUT", $"/v3/conversations/a%3Apersonal-1/activities/{sent.Id}"), (requests[2].Method, requests[2].Path));
        Assert.Equal("Your ticket was resolved", requests[2].Activity.Text);
    }

    [Fact]
    public async Task AUserSeenOnlyInAChannelGetsANewOneToOneChatCreatedFromTheStoredReference()
    {
        var inChannel = TeamsActivities.Message(Channel.ServiceUrl, "<at>HelpdeskBot</at> hi", "19:it@thread.tacv2;messageid=1");
        inChannel.Conversation!.ConversationType = "channel";
        inChannel.Conversation.IsGroup = true;
        await Client.PostActivityAsync(inChannel);
        await Channel.WaitForRequestsAsync(1);

        await InScopeAsync(sp => sp.GetRequiredService<ProactiveMessenger>()
            .SendToUserAsync(new ChannelAccount(TeamsActivities.UserId), Activity.CreateMessage("Your password expires tomorrow"), null, default));

        var requests = await Channel.WaitForRequestsAsync(3);
        var create = requests[1];
        Assert.Equal(("POST", "/v3/conversations"), (create.Method, create.Path));
        var body = create.Body!.Value;
        Assert.False(body.GetProperty("isGroup").GetBoolean());
        Assert.Equal(TeamsActivities.BotId, body.GetProperty("bot").GetProperty("id").GetString());
        Assert.Equal(TeamsActivities.UserId, body.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal(TeamsActivities.TenantId, body.GetProperty("tenantId").GetString());
        Assert.StartsWith("/v3/conversations/a%3Acreated-", requests[2].Path);
        Assert.Equal("Your password expires tomorrow", requests[2].Activity.Text);

        var personal = await InScopeAsync(sp => sp.GetRequiredService<HelpdeskDbContext>().Conversations
            .SingleAsync(c => c.ConversationId.StartsWith("a:created-")));
        Assert.True(personal.IsPersonal);
    }

    [Fact]
    public async Task ProactiveMessagesToAnUnknownUserFailClearly()
    {
        var error = await Assert.ThrowsAsync<RecipientUnreachableException>(() => InScopeAsync(sp =>
            sp.GetRequiredService<ProactiveMessenger>().SendToUserAsync(new ChannelAccount("29:nobody"), Activity.CreateMessage("hi"), "29:nobody-either", default)));

        Assert.Contains("29:nobody", error.Message);
    }

    [Fact]
    public async Task AUserTheBotNeverSawIsReachedThroughAColleaguesChannelAndTenant()
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, "hi"));
        await Channel.WaitForRequestsAsync(1);

        var sent = await InScopeAsync(sp => sp.GetRequiredService<ProactiveMessenger>().SendToUserAsync(
            new ChannelAccount("29:approver", "Grace Hopper"), Activity.CreateMessage("Please approve"), TeamsActivities.UserId, default));

        var requests = await Channel.WaitForRequestsAsync(3);
        var create = requests[1].Body!.Value;
        Assert.Equal("29:approver", create.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal(TeamsActivities.TenantId, create.GetProperty("tenantId").GetString());
        Assert.Equal("Please approve", requests[2].Activity.Text);
        Assert.StartsWith("a:created-", sent.ConversationId);
        Assert.Equal("msteams", sent.ChannelId);
        Assert.NotEmpty(sent.ActivityId);
    }

    [Fact]
    public async Task TheModelHasNoChangesMissingFromTheHandWrittenMigrations()
    {
        var pending = await InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<HelpdeskDbContext>().Database.HasPendingModelChanges()));

        Assert.False(pending, "The EF model differs from the migrations' snapshot: add a migration (see README).");
    }
}

public sealed class ConversationReferenceTests() : ConversationReferenceTestsOn(TestDatabases.Sqlite);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class ConversationReferenceTestsOnPostgreSQL() : ConversationReferenceTestsOn(TestDatabases.PostgreSQL);

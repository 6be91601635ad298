namespace HelpdeskBot.Tests.Infrastructure;

/// <summary>
/// A fresh bot (its own SQLite file) and a fresh fake channel per test: the base of the HTTP integration tests,
/// in the spirit of TodoApi's TodoApplication.
/// </summary>
public abstract class BotWithChannel(HelpdeskBotFactory bot) : IAsyncLifetime
{
    protected HelpdeskBotFactory Bot => bot;
    protected FakeChannel Channel { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    /// <summary>How many of the channel's requests the test has read (<see cref="SayAsync"/> moves it on).</summary>
    protected int Seen { get; set; }

    /// <summary>Sends a message in the default 1:1 chat and returns what the bot sent because of it.</summary>
    protected async Task<List<HelpdeskBot.Protocol.Schema.Activity>> SayAsync(string text)
    {
        await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, text));
        var replies = (await Channel.WaitForRequestsAsync(Seen + 1)).Skip(Seen).Select(r => r.Activity).ToList();
        Seen += replies.Count;
        return replies;
    }

    public async Task InitializeAsync()
    {
        Channel = await FakeChannel.StartAsync();
        Client = bot.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await Channel.DisposeAsync();
    }
}

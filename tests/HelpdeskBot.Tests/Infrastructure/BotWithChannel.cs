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

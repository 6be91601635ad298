using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using static HelpdeskBot.Tests.Tickets.TicketTestData;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>
/// The outbox of ticket changes across stops and instances: two apps on one SQLite file, each with its own manual
/// clock and recorded events, as two instances of the bot (or one bot before and after a restart) would be.
/// </summary>
public sealed class TicketEventDispatcherTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"helpdesk-outbox-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_database + suffix);
        }
    }

    private HelpdeskBotFactory Instance(ManualTimeProvider clock, ITicketEvents events) =>
        new(new Dictionary<string, string?> { ["ConnectionStrings:Helpdesk"] = $"Data Source={_database}" }, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(events);
        });

    private static async Task<Ticket> CreateAsync(HelpdeskBotFactory app, string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TicketService>().CreateAsync(Request(), SubmissionKey.Chat(key));
    }

    private static async Task<int> PendingAsync(HelpdeskBotFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>().Set<PendingTicketEvent>().CountAsync();
    }

    [Fact]
    public async Task AChangeWhosePublishingAStopCutShortIsPublishedAtOnceByTheNextStart()
    {
        var stuck = new StuckTicketEvents();
        string number;
        await using (var before = Instance(new ManualTimeProvider(Monday9), stuck))
        {
            number = (await CreateAsync(before, "k-1")).Number;
            await stuck.Reached.Task.WaitAsync(TimeSpan.FromSeconds(15)); // the dispatcher took the change, then the app stops
        }

        var events = new RecordingTicketEvents();
        await using var after = Instance(new ManualTimeProvider(Monday9), events); // its clock never moves: no lease runs out
        await Poll.UntilAsync(async () => await PendingAsync(after) == 0, "the outbox is empty", TimeSpan.FromSeconds(15));

        var change = Assert.Single(events.Changes);
        Assert.Equal((number, JournalKind.Created, Requester), (change.TicketNumber, change.Kind, change.RequesterId));
    }

    [Fact]
    public async Task AChangeLeasedByAnInstanceThatCrashedIsPublishedOnceItsLeaseRunsOut()
    {
        var clock = new ManualTimeProvider(Monday9);
        var events = new RecordingTicketEvents();
        await using var app = Instance(clock, events);
        var first = (await CreateAsync(app, "k-1")).Number;
        await Poll.UntilAsync(async () => await PendingAsync(app) == 0, "the creation is published", TimeSpan.FromSeconds(15));

        // What a crashed instance leaves behind: a change it had leased for a minute and never published.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
            var entry = await db.Set<TicketJournalEntry>().SingleAsync();
            var leaseUntil = new DateTimeOffsetToBinaryConverter().ConvertToProvider(clock.GetUtcNow() + TimeSpan.FromMinutes(1));
            await db.Database.ExecuteSqlAsync($"INSERT INTO PendingTicketEvents (JournalEntryId, LeaseUntil) VALUES ({entry.Id}, {leaseUntil})");
        }

        // While the lease holds, the dispatcher publishes a newer change and leaves the leased one alone.
        clock.Advance(TicketEventDispatcher.PollInterval);
        var second = (await CreateAsync(app, "k-2")).Number;
        await Poll.UntilAsync(async () => events.Changes.Count >= 2 && await PendingAsync(app) <= 1, "the second ticket's creation is published", TimeSpan.FromSeconds(15));
        Assert.Equal([first, second], events.Changes.Select(c => c.TicketNumber));
        Assert.Equal(1, await PendingAsync(app));

        clock.Advance(TicketEventDispatcher.PollInterval + TimeSpan.FromSeconds(1)); // the lease has run out
        await Poll.UntilAsync(async () => await PendingAsync(app) == 0, "the crashed instance's change is published", TimeSpan.FromSeconds(15));
        Assert.Equal([first, second, first], events.Changes.Select(c => c.TicketNumber));
    }

    [Fact]
    public async Task TwoInstancesOnOneDatabasePublishEachChangeOnce()
    {
        var (clockA, clockB) = (new ManualTimeProvider(Monday9), new ManualTimeProvider(Monday9));
        var (eventsA, eventsB) = (new RecordingTicketEvents(), new RecordingTicketEvents());
        await using var a = Instance(clockA, eventsA);
        await using var b = Instance(clockB, eventsB);

        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => CreateAsync(i % 2 == 0 ? a : b, $"k-{i}"))));
        for (var poll = 0; poll < 3; poll++)
        {
            // Each instance also polls for changes the other saved: both race for every row still pending.
            clockA.Advance(TicketEventDispatcher.PollInterval);
            clockB.Advance(TicketEventDispatcher.PollInterval);
        }

        await Poll.UntilAsync(async () => await PendingAsync(a) == 0 && eventsA.Changes.Count + eventsB.Changes.Count >= 20, "all 20 are published", TimeSpan.FromSeconds(15));

        var published = eventsA.Changes.Concat(eventsB.Changes).Select(c => c.TicketNumber).Order().ToList();
        Assert.Equal(created.Select(t => t.Number).Order(), published);
    }

    /// <summary>A subscriber that takes a change and never finishes with it, until the app stops.</summary>
    private sealed class StuckTicketEvents : ITicketEvents
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task TicketChangedAsync(TicketChange change, CancellationToken cancellationToken)
        {
            Reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public Task SlaWarningAsync(SlaAlert alert, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SlaBreachedAsync(SlaAlert alert, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

using System.Data.Common;
using HelpdeskBot.People;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpdeskBot.Tests.People;

/// <summary>A migrated SQLite file of its own, a clock the test moves, and directories over it that count their SQL commands.</summary>
public sealed class PeopleDatabase : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"people-test-{Guid.NewGuid():N}.db");
    private readonly List<HelpdeskDbContext> _contexts = [];

    public ManualTime Time { get; } = new();
    public CommandCounter Commands { get; } = new();
    public RecentPeopleWrites Recent { get; private set; } = new();

    public HelpdeskDbContext NewContext()
    {
        var db = new HelpdeskDbContext(new DbContextOptionsBuilder<HelpdeskDbContext>()
            .UseSqlite($"Data Source={_path};Pooling=False").AddInterceptors(Commands).Options);
        _contexts.Add(db);
        return db;
    }

    public static async Task<PeopleDatabase> CreateAsync()
    {
        var database = new PeopleDatabase();
        await database.NewContext().Database.MigrateAsync();
        return database;
    }

    /// <summary>A directory as one request would have it (its own DbContext; the write cache shared like the app's singleton).</summary>
    public PeopleDirectory Directory() => new(NewContext(), Recent, Time, NullLogger<PeopleDirectory>.Instance);

    /// <summary>As after a restart: the cache of recent writes is empty.</summary>
    public void Restart() => Recent = new RecentPeopleWrites();

    public async Task<List<Person>> AllAsync() => await NewContext().People.AsNoTracking().OrderBy(p => p.Id).ToListAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var db in _contexts) await db.DisposeAsync();
        File.Delete(_path);
    }

    public sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }

    public sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Outages;

/// <summary>
/// One send budget per tenant, <c>Outages:Broadcast:RatePerSecond</c> in each one-second window, shared by every
/// broadcast in this instance and, through the <see cref="BroadcastBudget"/> row, by every instance on the database.
/// An instance claims a tenth of a window at a time with a conditional update (compare-and-set on the count), so the
/// database sees about ten small writes per second per instance, not one per message.
/// </summary>
public sealed class BroadcastRateBudget(IServiceScopeFactory scopes, BroadcastWriteGate writes, IOptions<OutagesOptions> options, TimeProvider time, ILogger<BroadcastRateBudget> logger)
{
    private sealed class Local
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public long Window = -1;
        public int Tokens;
    }

    private readonly Dictionary<string, Local> _tenants = [];
    private readonly Lock _lock = new();

    private int Rate => options.Value.Broadcast.RatePerSecond;

    /// <summary>Waits until <paramref name="tenant"/> may send one more message in this second.</summary>
    public async Task AcquireAsync(string tenant, CancellationToken cancellationToken)
    {
        Local local;
        lock (_lock)
        {
            if (!_tenants.TryGetValue(tenant, out local!))
            {
                _tenants[tenant] = local = new Local();
            }
        }

        while (true)
        {
            await local.Gate.WaitAsync(cancellationToken);
            long window;
            try
            {
                window = time.GetUtcNow().ToUnixTimeSeconds();
                if (local.Window == window && local.Tokens > 0)
                {
                    local.Tokens--;
                    return;
                }

                // In turn with this instance's other broadcast writes: behind SQLite's busy writer a claim stalled for 150 ms.
                var granted = await writes.RunAsync(() => ClaimAsync(tenant, window, Math.Max(1, Rate / 10), cancellationToken), cancellationToken);
                if (granted > 0)
                {
                    (local.Window, local.Tokens) = (window, granted - 1);
                    return;
                }
            }
            finally
            {
                local.Gate.Release();
            }

            // This second's budget is spent (here or by another instance): wait for the next one.
            var next = DateTimeOffset.FromUnixTimeSeconds(window + 1) - time.GetUtcNow();
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next, time, cancellationToken);
            }
        }
    }

    private async Task<int> ClaimAsync(string tenant, long window, int want, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
        var budgets = db.Set<BroadcastBudget>();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var row = await budgets.AsNoTracking().Where(b => b.Tenant == tenant).Select(b => new { b.Window, b.Used }).SingleOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                db.Add(BroadcastBudget.Create(tenant, window, want));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return want;
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear(); // another instance made the row first
                    continue;
                }
            }

            if (row.Window > window)
            {
                return 0; // another instance's clock is ahead: wait for ours
            }

            var (used, take) = row.Window < window ? (0, want) : (row.Used, Math.Min(want, Rate - row.Used));
            if (take <= 0)
            {
                return 0;
            }

            var claimed = await budgets.Where(b => b.Tenant == tenant && b.Window == row.Window && b.Used == row.Used)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Window, window).SetProperty(b => b.Used, used + take), cancellationToken);
            if (claimed == 1)
            {
                return take;
            }
        }

        logger.LogWarning("The broadcast budget of tenant {Tenant} is contended; waiting for the next second", tenant);
        return 0;
    }
}

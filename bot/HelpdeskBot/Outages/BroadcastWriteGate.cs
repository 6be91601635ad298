namespace HelpdeskBot.Outages;

/// <summary>
/// The broadcast's writes to the database, one at a time in this instance: the budget's claims, the leases and the
/// results. SQLite has one writer, and when it is busy its driver sleeps the waiting thread for 150 ms; a budget claim
/// caught behind a batch of results held back every send for that long (a quarter of all claims did, at 500/s).
/// </summary>
public sealed class BroadcastWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task RunAsync(Func<Task> write, CancellationToken cancellationToken = default) =>
        RunAsync(async () => { await write(); return true; }, cancellationToken);
}

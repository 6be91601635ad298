namespace HelpdeskBot.Benchmarks.Knowledge;

/// <summary>The largest managed heap seen, sampled every 50 ms (the working set's peak the OS keeps for us).</summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public MemorySampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

    public long PeakGcHeapBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    private void Sample()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        long seen;
        while (heap > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, heap, seen) != seen)
        {
        }
    }

    public void Dispose() => _timer.Dispose();
}

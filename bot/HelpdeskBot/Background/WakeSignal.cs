using System.Threading.Channels;

namespace HelpdeskBot.Background;

/// <summary>
/// How a background loop waits between passes: until someone calls <see cref="Wake"/> (a change was saved: do it now),
/// or until its poll interval has passed (what another instance saved, or what a failed pass left). Wakes that come
/// while a pass runs are kept as one, so the loop runs once more, not once per wake.
/// </summary>
public sealed class WakeSignal
{
    private readonly Channel<bool> _woken = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Wake() => _woken.Writer.TryWrite(true);

    /// <summary>Returns when woken or after <paramref name="interval"/>; throws when <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken stoppingToken)
    {
        using var poll = new CancellationTokenSource(interval, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, poll.Token);
        try
        {
            await _woken.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // the poll interval passed
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Observability;

/// <summary>
/// Records what one app's meters measure: a <see cref="MeterListener"/> that listens only to the meters made by that
/// app's <see cref="IMeterFactory"/>, so other test hosts running at the same time do not count.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    public MetricsRecorder(IServiceProvider app, params string[] meterNames)
    {
        var factory = app.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && meterNames.Contains(instrument.Meter.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

    public IReadOnlyList<Measurement> Of(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

    /// <summary>Waits (with a deadline) for a measurement of <paramref name="instrument"/> that has all of <paramref name="tags"/>.</summary>
    public async Task<Measurement> WaitForAsync(string instrument, params (string Key, object? Value)[] tags)
    {
        Measurement? found = null;
        await Poll.UntilAsync(
            () => (found = Of(instrument).FirstOrDefault(m => tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value)))) is not null,
            $"{instrument} records a measurement tagged {string.Join(", ", tags)}");
        return found!;
    }

    public void Dispose() => _listener.Dispose();
}

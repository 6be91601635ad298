using System.Diagnostics;
using HelpdeskBot.Catalog;
using HelpdeskBot.Knowledge.Search.Semantic;

namespace HelpdeskBot.Routing;

/// <summary>How like an intent's examples a message is: the mean cosine of its <see cref="IntentClassifier.Nearest"/> closest.</summary>
public sealed record IntentScore(string Intent, double Score, CatalogItem? Item);

/// <summary>
/// Ranks the intents for a message by meaning: the message's vector from the sentence model against every example's
/// (<see cref="Intents.Examples"/>). The examples are embedded once, on first use or at start (<see cref="WarmUp"/>),
/// and kept in a file beside the knowledge index (<see cref="VectorFile"/>), so a restart embeds only examples that
/// are new (476 examples: 1.9 s embedded on a quiet machine, 46 ms read from the file). The model caches texts it
/// has seen, so the knowledge base's search embeds the same message for free.
/// </summary>
public sealed class IntentClassifier
{
    /// <summary>How many of an intent's closest examples its score averages: one stray example does not win alone.</summary>
    public const int Nearest = 3;

    private readonly ISentenceEncoder _encoder;
    private readonly Lazy<(IReadOnlyList<Intents.Example> Examples, float[][] Vectors)> _examples;

    /// <param name="vectorsPath">The file the examples' vectors are kept in; null to keep them in memory only.</param>
    public IntentClassifier(ISentenceEncoder encoder, ServiceCatalog catalog, ILogger<IntentClassifier> logger, string? vectorsPath = null)
    {
        _encoder = encoder;
        _examples = new(() =>
        {
            var started = Stopwatch.GetTimestamp();
            var examples = Intents.Examples(catalog);
            var kept = vectorsPath is null ? [] : VectorFile.Read(vectorsPath, encoder.Model, encoder.Dimensions);
            var keys = examples.Select(e => VectorFile.Key(e.Text)).ToArray();
            var vectors = keys.Select(key => kept.GetValueOrDefault(key)).ToArray();
            // The model pads a batch to its longest text: batches of similar lengths.
            var missing = Enumerable.Range(0, examples.Count).Where(i => vectors[i] is null).OrderBy(i => examples[i].Text.Length).ToArray();
            foreach (var batch in missing.Chunk(16))
            {
                var encoded = encoder.Encode(batch.Select(i => examples[i].Text).ToArray(), CancellationToken.None);
                for (var j = 0; j < batch.Length; j++) vectors[batch[j]] = encoded[j];
            }

            // Written again when an example was embedded now or one kept is no longer an example.
            if (vectorsPath is not null && (missing.Length > 0 || kept.Count != keys.Distinct().Count()))
            {
                Keep(vectorsPath, keys, [.. vectors.Select(v => v!)], logger);
            }

            logger.LogInformation("Routing: {Count} example messages of {Intents} intents ready in {Elapsed:0} ms ({Embedded} embedded now, {Kept} kept from before)",
                examples.Count, examples.Select(e => e.Intent).Distinct().Count(), Stopwatch.GetElapsedTime(started).TotalMilliseconds, missing.Length, examples.Count - missing.Length);
            return (examples, vectors.Select(v => v!).ToArray());
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    // Writes the examples' vectors for the next start; a folder that cannot be written to only costs that start's time.
    private void Keep(string path, string[] keys, float[][] vectors, ILogger logger)
    {
        try
        {
            var byKey = new Dictionary<string, float[]>(StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++) byKey[keys[i]] = vectors[i];
            VectorFile.Write(path, _encoder.Model, _encoder.Dimensions, byKey);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Routing: the examples' vectors could not be kept in {Path}; the next start embeds them again", path);
        }
    }

    /// <summary>Embeds the examples now (loading the model if need be), so the first message does not wait for it.</summary>
    public void WarmUp() => _ = _examples.Value;

    /// <summary>Every intent with examples, the most likely first.</summary>
    public IReadOnlyList<IntentScore> Rank(string text, CancellationToken cancellationToken)
    {
        var (examples, vectors) = _examples.Value;
        var message = _encoder.Encode([text], cancellationToken)[0];
        var nearest = new Dictionary<string, (List<double> Scores, CatalogItem? Item)>(StringComparer.Ordinal);
        for (var i = 0; i < examples.Count; i++)
        {
            if (!nearest.TryGetValue(examples[i].Intent, out var entry))
            {
                nearest[examples[i].Intent] = entry = ([], examples[i].Item);
            }

            entry.Scores.Add(Dot(message, vectors[i]));
        }

        return [.. nearest
            .Select(n => new IntentScore(n.Key, n.Value.Scores.OrderDescending().Take(Nearest).Average(), n.Value.Item))
            .OrderByDescending(s => s.Score)];
    }

    private static double Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}

using System.Diagnostics;
using HelpdeskBot.Catalog;
using HelpdeskBot.Knowledge.Search.Semantic;

namespace HelpdeskBot.Routing;

/// <summary>How like an intent's examples a message is: the mean cosine of its <see cref="IntentClassifier.Nearest"/> closest.</summary>
public sealed record IntentScore(string Intent, double Score, CatalogItem? Item);

/// <summary>
/// Ranks the intents for a message by meaning: the message's vector from the sentence model against every example's
/// (<see cref="Intents.Examples"/>). The examples are embedded once, on first use or at start (<see cref="WarmUp"/>);
/// the model caches texts it has seen, so the knowledge base's search embeds the same message for free.
/// </summary>
public sealed class IntentClassifier
{
    /// <summary>How many of an intent's closest examples its score averages: one stray example does not win alone.</summary>
    public const int Nearest = 3;

    private readonly ISentenceEncoder _encoder;
    private readonly Lazy<(IReadOnlyList<Intents.Example> Examples, float[][] Vectors)> _examples;

    public IntentClassifier(ISentenceEncoder encoder, ServiceCatalog catalog, ILogger<IntentClassifier> logger)
    {
        _encoder = encoder;
        _examples = new(() =>
        {
            var started = Stopwatch.GetTimestamp();
            var examples = Intents.Examples(catalog);
            // The model pads a batch to its longest text: batches of similar lengths.
            var order = Enumerable.Range(0, examples.Count).OrderBy(i => examples[i].Text.Length).ToArray();
            var vectors = new float[examples.Count][];
            foreach (var batch in order.Chunk(16))
            {
                var encoded = encoder.Encode(batch.Select(i => examples[i].Text).ToArray(), CancellationToken.None);
                for (var j = 0; j < batch.Length; j++) vectors[batch[j]] = encoded[j];
            }

            logger.LogInformation("Routing: {Count} example messages of {Intents} intents embedded in {Elapsed:0} ms",
                examples.Count, examples.Select(e => e.Intent).Distinct().Count(), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return (examples, vectors);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
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

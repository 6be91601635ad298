using System.Data.Common;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpdeskBot.Knowledge.Search.Semantic;

/// <summary>
/// Gives the index's sections their vectors, off the request path: the first run loads the vectors the database already
/// holds for this model (computed before, or by another instance); each run then embeds the sections still without one,
/// shortest texts first in small batches (the model pads a batch to its longest text), and stores them by model and
/// content hash, so no text is embedded twice. Until a section has its vector, search finds it lexically only.
/// </summary>
public sealed class SectionEmbedder(KnowledgeIndex index, SectionVectorStore store, ISentenceEncoder encoder, ILogger<SectionEmbedder>? logger = null)
{
    public const int BatchSize = 8;

    /// <summary>What the model reads once after vectors were loaded, so that it is loaded before the first question.</summary>
    public const string WarmUpText = "warm up";

    // Vectors written per transaction.
    private const int SaveEvery = 64;

    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private readonly SemaphoreSlim _run = new(1, 1);
    private bool _loaded;

    public string Model => encoder.Model;

    /// <summary>How many of the index's sections have no vector yet.</summary>
    public int Waiting() => index.Hashes().Count(hash => !store.Contains(hash));

    /// <summary>Embeds every section of the index that has no vector, on one thread; returns how many it embedded.</summary>
    public Task<int> RunAsync(KnowledgeDbContext db, CancellationToken cancellationToken) => RunAsync(db, threads: 1, cancellationToken);

    /// <summary>
    /// Embeds every section of the index that has no vector, on up to <paramref name="threads"/> threads (the model
    /// runs a text on one core: two threads embed about 1.8 times as fast on two cores, and leave none to requests);
    /// returns how many it embedded. The vectors are the same whatever the number of threads.
    /// </summary>
    public async Task<int> RunAsync(KnowledgeDbContext db, int threads, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        await _run.WaitAsync(cancellationToken);
        try
        {
            var hashes = index.Hashes();
            if (!_loaded)
            {
                var loaded = await LoadAsync(db, [.. hashes], cancellationToken);
                _loaded = true;
                if (loaded > 0)
                {
                    _logger.LogInformation("Loaded {Count} section vectors of {Model} from the database", loaded, encoder.Model);
                    encoder.Encode([WarmUpText], cancellationToken); // the model loads now, not on the first question
                }
            }

            var missing = hashes.Where(hash => !store.Contains(hash)).ToList();
            if (missing.Count == 0)
            {
                return 0;
            }

            var texts = index.Search((searcher, _) => missing
                .Select(hash => (Hash: hash, Text: KnowledgeIndex.WithHash(searcher, hash).FirstOrDefault()?.EmbeddingText))
                .Where(x => x.Text is not null)
                .OrderBy(x => x.Text!.Length)
                .ToList());
            var started = System.Diagnostics.Stopwatch.StartNew();
            var done = 0;
            foreach (var chunk in texts.Chunk(SaveEvery * threads))
            {
                // Batches of neighbouring lengths, several at once; each keeps its place in the chunk.
                var batches = chunk.Chunk(BatchSize).ToArray();
                var vectors = new float[batches.Length][][];
                void Encode(int i) => vectors[i] = encoder.Encode([.. batches[i].Select(b => b.Text!)], cancellationToken);
                if (threads == 1)
                {
                    for (var i = 0; i < batches.Length; i++) Encode(i);
                }
                else
                {
                    try
                    {
                        Parallel.For(0, batches.Length, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, Encode);
                    }
                    catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
                    {
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]); // as on one thread
                    }
                }

                var embedded = batches.SelectMany((batch, i) => batch.Select((b, j) => (b.Hash, Vector: vectors[i][j]))).ToList();
                await SaveAsync(db, embedded, cancellationToken);
                foreach (var (hash, vector) in embedded) store.Add(hash, vector);
                done += embedded.Count;
            }

            _logger.LogInformation("Embedded {Count} knowledge sections with {Model} in {Seconds:F1} s, threads: {Threads}", done, encoder.Model, started.Elapsed.TotalSeconds, threads);
            return done;
        }
        finally
        {
            _run.Release();
        }
    }

    private async Task<int> LoadAsync(KnowledgeDbContext db, HashSet<string> wanted, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"ContentHash\", \"Scale\", \"Vector\" FROM \"KnowledgeSectionVectors\" WHERE \"Model\" = @model";
            Parameter(command, "@model", encoder.Model);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var count = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                var hash = reader.GetString(0);
                if (!wanted.Contains(hash)) continue; // a section no longer published
                var bytes = (byte[])reader.GetValue(2);
                if (bytes.Length != store.Dimensions) continue;
                store.Add(hash, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(bytes), reader.GetFloat(1));
                count++;
            }

            return count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task SaveAsync(KnowledgeDbContext db, List<(string Hash, float[] Vector)> embedded, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = """
            INSERT INTO "KnowledgeSectionVectors" ("Model", "ContentHash", "Scale", "Vector") VALUES (@model, @hash, @scale, @vector)
            ON CONFLICT DO NOTHING
            """;
        var model = Parameter(command, "@model", encoder.Model);
        var hash = Parameter(command, "@hash", "");
        var scale = Parameter(command, "@scale", 0f);
        var vector = Parameter(command, "@vector", Array.Empty<byte>());
        var quantized = new sbyte[store.Dimensions];
        foreach (var (h, v) in embedded)
        {
            hash.Value = h;
            scale.Value = Int8Vector.Quantize(v, quantized);
            vector.Value = System.Runtime.InteropServices.MemoryMarshal.AsBytes(quantized.AsSpan()).ToArray();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}

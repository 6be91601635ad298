using System.Diagnostics;
using HelpdeskBot.Knowledge.Authoring;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Knowledge.Search.Semantic;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Benchmarks.Knowledge;

/// <summary>Where the benchmark finds the repository's data, and how big it runs.</summary>
public sealed record KnowledgeBenchmarkSettings(string RepositoryRoot, int Articles, int Queries = 2000, int WarmUp = 200)
{
    /// <summary>
    /// A folder to keep the generated base in, for looking into the search: a second run with the same folder and size
    /// skips generating and importing. Without it, a temporary folder is deleted afterwards.
    /// </summary>
    public string? KeepIn { get; init; }

    /// <summary>How many of the slowest questions to list, with their kind and time.</summary>
    public int Slowest { get; init; }

    /// <summary>Also embed the base and time the hybrid search (and the query embedding alone).</summary>
    public bool Semantic { get; init; }

    /// <summary>
    /// With <see cref="Semantic"/>: embed nothing, time the hybrid search with the vectors the kept base already holds
    /// (a base partly embedded by an interrupted run; sections without a vector are found lexically, as in the bot
    /// while its embedder catches up).
    /// </summary>
    public bool VectorsHeldOnly { get; init; }

    /// <summary>
    /// A file to write every timed question's result to (the articles, sections, scores and confidences, one line a
    /// question), so that two versions of search can be compared answer for answer: a speed change must not change them.
    /// The searches then also read the nearest articles under the threshold (a conversation's search does not), so
    /// time without it.
    /// </summary>
    public string? DumpTo { get; init; }

    public string SampleArticles => Path.Combine(RepositoryRoot, "knowledge", "articles");
    public string SynonymsPath => Path.Combine(RepositoryRoot, "knowledge", "synonyms.txt");
    public string LabeledQuestions => Path.Combine(RepositoryRoot, "knowledge", "evaluation", "questions.json");
}

/// <summary>
/// Generates articles into a temporary folder, imports them into a fresh SQLite file and its Lucene index the way the
/// bot does at start, then asks the query mix on one thread, as the bot does per turn (a new DbContext each, one index),
/// with the yardsticks asked the same questions in alternating blocks. The folder and the database are deleted afterwards.
/// </summary>
public sealed class KnowledgeBenchmark(KnowledgeBenchmarkSettings settings, TextWriter log)
{
    public async Task<KnowledgeBenchmarkResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var work = settings.KeepIn is { } keep
            ? Path.Combine(Path.GetFullPath(keep), $"kb-{settings.Articles}")
            : Path.Combine(Path.GetTempPath(), $"kb-bench-{Guid.NewGuid():N}");
        var folder = Path.Combine(work, "articles");
        var database = Path.Combine(work, "knowledge.db");
        var reuse = settings.KeepIn is not null && File.Exists(database);
        using var memory = new MemorySampler();
        using var index = KnowledgeIndex.Open(Path.Combine(work, "knowledge.kb-index"));
        try
        {
            var clock = Stopwatch.StartNew();
            var generator = new ArticleGenerator(settings.SampleArticles);
            var articles = reuse ? generator.List(settings.Articles) : generator.WriteTo(folder, settings.Articles);
            var bytes = Directory.EnumerateFiles(folder).Sum(f => new FileInfo(f).Length);
            log.WriteLine($"generated {articles.Count:N0} articles ({bytes / articles.Count:N0} bytes on average) in {clock.Elapsed.TotalSeconds:N1} s");

            var options = KnowledgeDbContext.SqliteOptions($"Data Source={database}");
            var importCpu = ProcessorTime();
            var (import, report) = reuse
                ? (TimeSpan.Zero, await UpgradeAsync(options, index, cancellationToken))
                : await ImportAsync(options, index, folder, cancellationToken);
            importCpu = ProcessorTime() - importCpu;
            log.WriteLine(reuse ? $"reused the base in {work}" : $"imported: {report} in {import.TotalSeconds:N1} s ({importCpu.TotalSeconds:N1} s of CPU)");
            if (!reuse && report.Added != articles.Count)
            {
                throw new InvalidOperationException($"Expected {articles.Count} articles imported: {report}; {string.Join("; ", report.Errors.Take(3))}");
            }

            var queries = QueryMix.Build(articles, generator.Words, settings.LabeledQuestions, settings.WarmUp + settings.Queries);
            using var dump = settings.DumpTo is { } dumpTo ? new StreamWriter(dumpTo) : null;
            var bm25 = new List<double>();
            using var analyzer = new SectionAnalyzer();
            var search = await SearchAsync(options, index, queries, null, dump, (block, timed) =>
            {
                foreach (var query in block)
                {
                    var elapsed = Bm25(analyzer, index, query.Text);
                    if (timed) bm25.Add(elapsed);
                }
            }, cancellationToken);
            log.WriteLine(Invariant($"yardstick, plain Lucene BM25 over the same index (the body field, the question's stems ORed, top 5): {Rate(bm25):N0} queries/s, p50 {Percentile(bm25, 0.5):N2} ms, p99 {Percentile(bm25, 0.99):N2} ms"));
            log.WriteLine(Invariant($"lexical search (semantic stage off): {search.Timings.Count / search.Timings.Sum(t => t.Elapsed.TotalSeconds):N0} queries/s = {search.Timings.Count / search.Timings.Sum(t => t.Elapsed.TotalSeconds) / Rate(bm25):N2} x plain BM25"));
            if (settings.Semantic)
            {
                await SemanticAsync(options, index, queries, dump, cancellationToken);
            }

            return new KnowledgeBenchmarkResult(
                articles.Count, bytes / articles.Count, import, importCpu, search.FirstQuery, search.Timings, search.Cpu, search.Answered,
                DatabaseBytes(database), Process.GetCurrentProcess().PeakWorkingSet64, memory.PeakGcHeapBytes, Load.LoadGenerator.LoadAverage());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (settings.KeepIn is null && Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(TimeSpan, ImportReport)> ImportAsync(
        DbContextOptions<KnowledgeDbContext> options, KnowledgeIndex index, string folder, CancellationToken cancellationToken)
    {
        await using var db = new KnowledgeDbContext(options);
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken); // as the bot's DatabaseMigrator does
        var knowledge = new KnowledgeBase(db, index, TimeProvider.System, NullLogger<KnowledgeBase>.Instance);
        var clock = Stopwatch.StartNew();
        var report = await knowledge.ImportFolderAsync(folder, "benchmark", cancellationToken);
        return (clock.Elapsed, report);
    }

    // A kept base, perhaps from an older version: migrated, and its index built or caught up as the bot does at start.
    private async Task<ImportReport> UpgradeAsync(DbContextOptions<KnowledgeDbContext> options, KnowledgeIndex index, CancellationToken cancellationToken)
    {
        await using var db = new KnowledgeDbContext(options);
        await db.Database.MigrateAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var reindexed = await index.CatchUpAsync(db, cancellationToken);
        if (reindexed > 0)
        {
            log.WriteLine($"indexed {reindexed:N0} articles of the kept base (its index was missing or behind) in {clock.Elapsed.TotalSeconds:N1} s");
        }

        return new ImportReport();
    }

    private sealed record SearchRun(TimeSpan FirstQuery, List<QueryTiming> Timings, TimeSpan Cpu, int Answered);

    // The semantic stage: embed every section (rate, memory), then time the hybrid search against its two necessary
    // steps back to back (plain BM25 and one query embedding), each question asked once by each.
    private async Task SemanticAsync(
        DbContextOptions<KnowledgeDbContext> options, KnowledgeIndex index, List<BenchmarkQuery> queries, TextWriter? dump,
        CancellationToken cancellationToken)
    {
        var encoder = MiniLmSentenceEncoder.Shared;
        var store = new SectionVectorStore(encoder.Dimensions);
        var clock = Stopwatch.StartNew();
        int embedded;
        await using (var db = new KnowledgeDbContext(options))
        {
            embedded = settings.VectorsHeldOnly
                ? await LoadHeldVectorsAsync(db, index, store, encoder.Model, cancellationToken)
                : await new SectionEmbedder(index, store, encoder).RunAsync(db, cancellationToken);
        }

        if (settings.VectorsHeldOnly)
        {
            log.WriteLine($"loaded the {store.Count:N0} vectors the base holds, for {index.Counts().Sections:N0} sections (the rest are found lexically)");
        }

        log.WriteLine(Invariant($"embedded {embedded:N0} sections in {clock.Elapsed.TotalSeconds:N0} s ({embedded / clock.Elapsed.TotalSeconds:N0} sections/s, model load included); vectors in memory {store.Bytes / 1048576.0:N1} MiB for {store.Count:N0} sections"));
        // The two necessary steps back to back, each question's plain BM25 and then its embedding (the model's cache
        // cleared before and after a block, so neither the yardstick nor the hybrid search finds a question already
        // encoded), in blocks taking turns with the hybrid search's.
        var bm25 = new List<double>();
        var embedding = new List<double>();
        using var analyzer = new SectionAnalyzer();
        void TwoSteps(IReadOnlyList<BenchmarkQuery> block, bool timed)
        {
            encoder.ClearCache();
            foreach (var query in block)
            {
                var lexical = Bm25(analyzer, index, query.Text);
                var one = Stopwatch.StartNew();
                encoder.Encode([query.Text], cancellationToken);
                if (!timed) continue;
                bm25.Add(lexical);
                embedding.Add(one.Elapsed.TotalMilliseconds);
            }

            encoder.ClearCache();
        }

        encoder.ClearCache();
        var stage = new SemanticStage(encoder, store, Options.Create(new SemanticOptions()));
        var hybrid = await SearchAsync(options, index, queries, stage, dump, TwoSteps, cancellationToken);
        log.WriteLine(Invariant($"yardstick, one query embedding: {Rate(embedding):N0} queries/s, p50 {Percentile(embedding, 0.5):N2} ms, p99 {Percentile(embedding, 0.99):N2} ms"));
        log.WriteLine(Invariant($"yardstick, plain Lucene BM25 again, in this run: {Rate(bm25):N0} queries/s"));
        var both = 1000.0 / (bm25.Average() + embedding.Average());
        var rate = hybrid.Timings.Count / hybrid.Timings.Sum(t => t.Elapsed.TotalSeconds);
        log.WriteLine(Invariant($"the two steps back to back: {both:N0} queries/s; hybrid search: {rate:N0} queries/s = {rate / both:N2} x, {hybrid.Answered * 100.0 / hybrid.Timings.Count:N0}% answered, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB"));
        log.WriteLine("hybrid search:");
        log.WriteLine(new KnowledgeBenchmarkResult(0, 0, TimeSpan.Zero, TimeSpan.Zero, hybrid.FirstQuery, hybrid.Timings, hybrid.Cpu, hybrid.Answered, 0, 0, 0, "").Table());
    }

    // The vectors stored for the index's sections, without embedding the missing ones.
    private static async Task<int> LoadHeldVectorsAsync(
        KnowledgeDbContext db, KnowledgeIndex index, SectionVectorStore store, string model, CancellationToken cancellationToken)
    {
        var wanted = index.Hashes().ToHashSet(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ContentHash, Scale, Vector FROM KnowledgeSectionVectors WHERE Model = $model";
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("$model", model);
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var bytes = (byte[])reader.GetValue(2);
            if (wanted.Contains(reader.GetString(0)) && bytes.Length == store.Dimensions)
            {
                store.Add(reader.GetString(0), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(bytes), reader.GetFloat(1));
            }
        }

        return 0;
    }

    // Plain BM25 for one question, in milliseconds.
    private static double Bm25(SectionAnalyzer analyzer, KnowledgeIndex index, string text)
    {
        var clock = Stopwatch.StartNew();
        var query = new Lucene.Net.Search.BooleanQuery();
        using (var tokens = analyzer.GetTokenStream(KnowledgeIndex.BodyField, text))
        {
            var term = tokens.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
            tokens.Reset();
            while (tokens.IncrementToken() && query.Clauses.Count < 1000)
            {
                query.Add(new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term(KnowledgeIndex.BodyField, term.ToString())), Lucene.Net.Search.Occur.SHOULD);
            }

            tokens.End();
        }

        // A plain searcher over the same reader: nothing of search's own (remembered statistics and term states).
        index.Search((searcher, _) => KnowledgeIndex.Top(new Lucene.Net.Search.IndexSearcher(searcher.IndexReader) { Similarity = new Lucene.Net.Search.Similarities.BM25Similarity() }, query, 5));
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Rate(List<double> milliseconds) => milliseconds.Count * 1000.0 / milliseconds.Sum();

    private static double Percentile(List<double> milliseconds, double p)
    {
        var sorted = milliseconds.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// How many questions the search and its yardstick take turns on. A run here varies by a fifth from one start to
    /// the next, and drifts within a run: in alternating blocks both see the same machine. Which goes first alternates
    /// too, so neither always finds the other's reads in the caches.
    /// </summary>
    private const int Block = 100;

    // Asks every question once on one thread, as the bot does per turn (a new DbContext each), the first WarmUp untimed.
    // The yardstick is given the same questions a block at a time, and whether to record its times.
    private async Task<SearchRun> SearchAsync(
        DbContextOptions<KnowledgeDbContext> options, KnowledgeIndex index, List<BenchmarkQuery> queries, SemanticStage? stage,
        TextWriter? dump, Action<IReadOnlyList<BenchmarkQuery>, bool> yardstick, CancellationToken cancellationToken)
    {
        var analyzer = new QueryAnalyzer(Synonyms.Load(settings.SynonymsPath));
        var searchOptions = Options.Create(new KnowledgeSearchOptions());
        var timings = new List<QueryTiming>(settings.Queries);
        var answered = 0;
        var first = TimeSpan.Zero;
        var cpu = TimeSpan.Zero;
        for (int start = 0, end, turn = 0; start < queries.Count; start = end, turn++)
        {
            end = start < settings.WarmUp ? Math.Min(settings.WarmUp, queries.Count) : Math.Min(queries.Count, start + Block);
            var block = queries[start..end];
            var timed = start >= settings.WarmUp;
            if (turn % 2 == 0) yardstick(block, timed);
            var cpuBefore = ProcessorTime();
            for (var i = start; i < end; i++)
            {
                var clock = Stopwatch.StartNew();
                await using (var db = new KnowledgeDbContext(options))
                {
                    var result = await new KnowledgeSearch(db, index, analyzer, searchOptions, stage)
                        .SearchAsync(queries[i].Text, 5, belowThreshold: dump is null ? 0 : 5, cancellationToken);
                    if (timed && !result.Declined) answered++;
                    dump?.WriteLine(Dumped(stage is null ? "lexical" : "hybrid", queries[i], result));
                }

                if (i == 0) first = clock.Elapsed; // includes loading the vocabulary once after the import
                if (timed) timings.Add(new QueryTiming(queries[i].Kind, clock.Elapsed, queries[i].Text));
            }

            if (timed) cpu += ProcessorTime() - cpuBefore;
            if (turn % 2 == 1) yardstick(block, timed);
        }

        log.WriteLine($"first query (loads the vocabulary): {first.TotalMilliseconds:N0} ms");
        var afterPublish = await QueryAfterPublishAsync(options, index, analyzer, searchOptions, queries[^1].Text, cancellationToken);
        log.WriteLine($"first query after that: {afterPublish.TotalMilliseconds:N0} ms");
        foreach (var slow in timings.OrderByDescending(t => t.Elapsed).Take(settings.Slowest))
        {
            log.WriteLine($"  {slow.Elapsed.TotalMilliseconds,7:N1} ms  {slow.Kind,-12} {slow.Text}");
        }

        return new SearchRun(first, timings, cpu, answered);
    }

    // One question's result, everything a change of speed must leave as it was.
    private static string Dumped(string mode, BenchmarkQuery query, KnowledgeSearchResult result) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            mode, query.Kind, query.Text,
            hits = result.Hits.Select(h => new { h.ArticleId, h.SectionOrdinal, h.SectionHeading, h.Score, h.Confidence, h.Snippet }),
            below = result.BelowThreshold.Select(h => new { h.ArticleId, h.SectionOrdinal, h.SectionHeading, h.Score, h.Confidence, h.Snippet }),
        });

    // An author retires and republishes an article (as the bot's API does); each change catches the index up before it returns.
    private async Task<TimeSpan> QueryAfterPublishAsync(
        DbContextOptions<KnowledgeDbContext> options, KnowledgeIndex index, QueryAnalyzer analyzer,
        IOptions<KnowledgeSearchOptions> searchOptions, string question, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using (var db = new KnowledgeDbContext(options))
        {
            var id = await db.Articles.Where(a => a.State == ArticleState.Published).Select(a => a.Id).FirstAsync(cancellationToken);
            // As in the bot: the knowledge base brings the index (and its vocabulary) up to date before it returns.
            var knowledge = new KnowledgeBase(db, index, TimeProvider.System, NullLogger<KnowledgeBase>.Instance);
            await knowledge.RetireAsync(id, cancellationToken);
            await knowledge.PublishAsync(id, cancellationToken);
        }

        log.WriteLine($"retire and publish (each catches the index up): {clock.Elapsed.TotalMilliseconds:N0} ms");
        clock.Restart();
        await using (var db = new KnowledgeDbContext(options))
        {
            await new KnowledgeSearch(db, index, analyzer, searchOptions).SearchAsync(question, 5, cancellationToken);
        }

        return clock.Elapsed;
    }

    // The process's CPU time (all threads): on a machine shared with other work, wall-clock latency includes waiting
    // for a core; this does not.
    private static TimeSpan ProcessorTime() => Process.GetCurrentProcess().TotalProcessorTime;

    // The database and its search index.
    private static long DatabaseBytes(string database) =>
        new[] { "", "-wal" }.Select(s => new FileInfo(database + s)).Where(f => f.Exists).Sum(f => f.Length)
        + (Directory.Exists(Path.ChangeExtension(database, ".kb-index"))
            ? new DirectoryInfo(Path.ChangeExtension(database, ".kb-index")).EnumerateFiles().Sum(f => f.Length) : 0);
}

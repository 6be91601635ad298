using HelpdeskBot.Knowledge.Authoring;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Knowledge.Search.Semantic;
using HelpdeskBot.Knowledge.Storage;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Tests.Knowledge;

/// <summary>
/// The knowledge library on its own (no bot): a fresh SQLite file, migrated, its Lucene index in a folder beside it,
/// with the repository's synonyms.
/// </summary>
public sealed class KnowledgeFixture : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"knowledge-test-{Guid.NewGuid():N}.db");

    private KnowledgeFixture() { }

    public KnowledgeDbContext Db { get; private set; } = null!;
    public KnowledgeBase Base { get; private set; } = null!;
    public KnowledgeSearch Search { get; private set; } = null!;
    public KnowledgeIndex Index { get; private set; } = null!;
    public string IndexFolder => _path + ".kb-index";

    public static string SampleArticles => RepositoryRoot.Combine("knowledge", "articles");

    /// <summary>The semantic stage (the process's one sentence model), when asked for.</summary>
    public SectionEmbedder? Embedder { get; private set; }

    /// <summary>Embeds the sections the index holds without a vector (after an import), as the bot's background queue does.</summary>
    public Task<int> EmbedAsync() => Embedder!.RunAsync(Db, default);

    public static async Task<KnowledgeFixture> CreateAsync(double minConfidence = -1, bool semantic = false)
    {
        var fixture = new KnowledgeFixture();
        fixture.Db = new KnowledgeDbContext(KnowledgeDbContext.SqliteOptions($"Data Source={fixture._path}"));
        await fixture.Db.Database.MigrateAsync();
        fixture.Index = KnowledgeIndex.Open(fixture.IndexFolder);
        fixture.Base = new KnowledgeBase(fixture.Db, fixture.Index, TimeProvider.System, NullLogger<KnowledgeBase>.Instance);
        var searchOptions = new KnowledgeSearchOptions();
        if (minConfidence >= 0) searchOptions.MinConfidence = minConfidence;
        SemanticStage? stage = null;
        if (semantic)
        {
            var encoder = MiniLmSentenceEncoder.Shared;
            var store = new SectionVectorStore(encoder.Dimensions);
            stage = new SemanticStage(encoder, store, Options.Create(new SemanticOptions()));
            fixture.Embedder = new SectionEmbedder(fixture.Index, store, encoder);
        }

        fixture.Search = new KnowledgeSearch(
            fixture.Db, fixture.Index,
            new QueryAnalyzer(Synonyms.Load(RepositoryRoot.Combine("knowledge", "synonyms.txt"))),
            Options.Create(searchOptions), stage);
        return fixture;
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        Index.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
        if (Directory.Exists(IndexFolder)) Directory.Delete(IndexFolder, recursive: true);
    }
}

using HelpdeskBot.Knowledge.Authoring;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Knowledge.Storage;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Tests.Knowledge;

/// <summary>The knowledge library on its own (no bot): a fresh SQLite file, migrated, with the repository's synonyms.</summary>
public sealed class KnowledgeFixture : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"knowledge-test-{Guid.NewGuid():N}.db");
    private readonly VocabularyCache _vocabularies = new();

    private KnowledgeFixture() { }

    public KnowledgeDbContext Db { get; private set; } = null!;
    public KnowledgeBase Base { get; private set; } = null!;
    public KnowledgeSearch Search { get; private set; } = null!;
    public VocabularyCache Vocabularies => _vocabularies;

    public static string SampleArticles => RepositoryRoot.Combine("knowledge", "articles");

    public static async Task<KnowledgeFixture> CreateAsync(double minConfidence = -1)
    {
        var fixture = new KnowledgeFixture();
        fixture.Db = new KnowledgeDbContext(KnowledgeDbContext.SqliteOptions($"Data Source={fixture._path}"));
        await fixture.Db.Database.MigrateAsync();
        fixture.Base = new KnowledgeBase(
            fixture.Db, new KnowledgeIndex(fixture.Db), TimeProvider.System, NullLogger<KnowledgeBase>.Instance, fixture._vocabularies);
        var searchOptions = new KnowledgeSearchOptions();
        if (minConfidence >= 0) searchOptions.MinConfidence = minConfidence;
        fixture.Search = new KnowledgeSearch(
            fixture.Db, fixture._vocabularies,
            new QueryAnalyzer(Synonyms.Load(RepositoryRoot.Combine("knowledge", "synonyms.txt"))),
            Options.Create(searchOptions));
        return fixture;
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
    }
}

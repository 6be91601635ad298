using HelpdeskBot.Knowledge.Authoring;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Knowledge.Search.Semantic;
using HelpdeskBot.Knowledge.Storage;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpdeskBot.Knowledge;

public static class KnowledgeExtensions
{
    /// <summary>The knowledge base in the bot's database, its search, and the startup import of the articles folder.</summary>
    public static IHostApplicationBuilder AddKnowledge(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KnowledgeSearchOptions>().BindConfiguration($"{KnowledgeOptions.SectionName}:Search")
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddDbContext<KnowledgeDbContext>((sp, options) =>
            StorageExtensions.Use(options, sp.GetRequiredService<IConfiguration>(), KnowledgeDbContext.MigrationsHistoryTable)
                .ConfigureWarnings(StorageExtensions.ExpectedFailuresAreNotErrors));
        // The provider's own context type, so EF Core runs that provider's migrations (as for the help desk's tables).
        services.Replace(ServiceDescriptor.Scoped<KnowledgeDbContext>(sp =>
        {
            var options = sp.GetRequiredService<DbContextOptions<KnowledgeDbContext>>();
            return StorageExtensions.ProviderOf(sp.GetRequiredService<IConfiguration>()) == DatabaseProvider.PostgreSQL
                ? new PostgresKnowledgeDbContext(options)
                : new KnowledgeDbContext(options);
        }));
        services.AddOptions<SemanticOptions>().BindConfiguration($"{KnowledgeOptions.SectionName}:Semantic").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new QueryAnalyzer(LoadSynonyms(sp)));
        services.AddSingleton(OpenIndex);
        // The sentence model is loaded once per process, on first use: every host in it shares it.
        services.AddSingleton<ISentenceEncoder>(MiniLmSentenceEncoder.Shared);
        services.AddSingleton(sp => new SectionVectorStore(sp.GetRequiredService<ISentenceEncoder>().Dimensions));
        services.AddSingleton<SemanticStage>();
        services.AddSingleton<SectionEmbedder>();
        services.AddScoped<KnowledgeSearch>();
        services.AddScoped<KnowledgeBase>();
        services.AddScoped<KnowledgeGaps>();
        services.AddHttpContextAccessor(); // answer links default to the address the message came to
        services.AddScoped<KnowledgeAnswers>();
        services.AddSingleton<KnowledgeStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<KnowledgeStartup>());
        services.AddHostedService<KnowledgeEmbedding>(); // after the startup: it waits for the index
        return builder;
    }

    private static KnowledgeIndex OpenIndex(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILogger<KnowledgeIndex>>();
        var configured = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KnowledgeOptions>>().Value.IndexPath;
        if (configured is { Length: > 0 })
        {
            return KnowledgeIndex.Open(RepositoryConfiguration.ResolvePath(configured), logger);
        }

        var configuration = services.GetRequiredService<IConfiguration>();
        if (StorageExtensions.ProviderOf(configuration) == DatabaseProvider.PostgreSQL)
        {
            // Each instance keeps its own index; beside the app unless configured (a second one takes the next folder).
            return KnowledgeIndex.Open(RepositoryConfiguration.ResolvePath("helpdesk.kb-index"), logger);
        }

        var database = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(StorageExtensions.GetConnectionString(configuration)).DataSource;
        return database is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal)
            ? KnowledgeIndex.Open(Path.ChangeExtension(file, ".kb-index"), logger)
            : KnowledgeIndex.InMemory();
    }

    private static Synonyms LoadSynonyms(IServiceProvider services)
    {
        var path = RepositoryConfiguration.ResolvePath(
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KnowledgeSearchOptions>>().Value.SynonymsPath);
        if (File.Exists(path))
        {
            return Synonyms.Load(path);
        }

        services.GetRequiredService<ILogger<KnowledgeSearch>>().LogWarning("No synonyms file at {Path}; searching without synonyms", path);
        return Synonyms.Empty;
    }
}

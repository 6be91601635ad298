using HelpdeskBot.Knowledge.Authoring;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Knowledge.Storage;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;

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
        services.AddDbContext<KnowledgeDbContext>((sp, options) => KnowledgeDbContext.ConfigureSqlite(
            options, StorageExtensions.GetConnectionString(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton<VocabularyCache>();
        services.AddSingleton(sp => new QueryAnalyzer(LoadSynonyms(sp)));
        services.AddScoped<KnowledgeIndex>();
        services.AddScoped<KnowledgeSearch>();
        services.AddScoped<KnowledgeBase>();
        services.AddScoped<KnowledgeGaps>();
        services.AddHttpContextAccessor(); // answer links default to the address the message came to
        services.AddScoped<KnowledgeAnswers>();
        services.AddSingleton<KnowledgeStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<KnowledgeStartup>());
        return builder;
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

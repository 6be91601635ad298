namespace HelpdeskBot.Routing;

public static class RoutingExtensions
{
    /// <summary>The router of messages no command takes, and the embedding of its examples at start.</summary>
    public static IHostApplicationBuilder AddMessageRouting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new IntentClassifier(
            sp.GetRequiredService<HelpdeskBot.Knowledge.Search.Semantic.ISentenceEncoder>(), sp.GetRequiredService<HelpdeskBot.Catalog.ServiceCatalog>(),
            sp.GetRequiredService<ILogger<IntentClassifier>>(), VectorsPath(sp.GetRequiredService<HelpdeskBot.Knowledge.Search.KnowledgeIndex>())));
        builder.Services.AddSingleton<MessageRouter>();
        builder.Services.AddHostedService<RoutingWarmUp>();
        return builder;
    }

    // The examples' vectors are kept beside the knowledge index ("helpdesk.kb-index" → "helpdesk.routing-vectors");
    // with the index in memory (tests, an in-memory database) they are kept in memory too.
    private static string? VectorsPath(HelpdeskBot.Knowledge.Search.KnowledgeIndex index) =>
        index.Folder is { } folder ? Path.ChangeExtension(Path.TrimEndingDirectorySeparator(folder), ".routing-vectors") : null;
}

/// <summary>Embeds the intents' examples in the background at start, so the first message does not wait for the model.</summary>
public sealed class RoutingWarmUp(IntentClassifier classifier, Microsoft.Extensions.Options.IOptions<RoutingOptions> options, ILogger<RoutingWarmUp> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !options.Value.UseModel ? Task.CompletedTask : Task.Run(() =>
    {
        try
        {
            classifier.WarmUp();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Routing: the intents' examples could not be embedded; messages will try again");
        }
    }, stoppingToken);
}

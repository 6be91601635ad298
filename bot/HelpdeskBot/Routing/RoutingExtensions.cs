namespace HelpdeskBot.Routing;

public static class RoutingExtensions
{
    /// <summary>The router of messages no command takes, and the embedding of its examples at start.</summary>
    public static IHostApplicationBuilder AddMessageRouting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IntentClassifier>();
        builder.Services.AddSingleton<MessageRouter>();
        builder.Services.AddHostedService<RoutingWarmUp>();
        return builder;
    }
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

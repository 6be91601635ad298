using HelpdeskBot.Background;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Knowledge.Search.Semantic;
using HelpdeskBot.Knowledge.Storage;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Knowledge;

/// <summary>
/// The semantic stage's background queue: after the index takes changes (a publish, an import, another instance's
/// change caught up with), the sections without a vector get one (<see cref="SectionEmbedder"/>); until then search
/// finds them lexically. Also looks every <see cref="PollInterval"/>, in case a wake was missed. Does nothing with
/// <c>Knowledge:Semantic:Enabled=false</c>.
/// </summary>
public sealed class KnowledgeEmbedding(
    IServiceScopeFactory scopes, KnowledgeIndex index, SectionEmbedder embedder, KnowledgeStartup startup, IOptions<SemanticOptions> options,
    ILogger<KnowledgeEmbedding> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(1);

    private readonly WakeSignal _wake = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        index.Changed += Wake;
        try
        {
            await startup.IndexReady.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    // The model's work is CPU-bound and synchronous: off the host's threads.
                    await Task.Run(() => embedder.RunAsync(
                        scope.ServiceProvider.GetRequiredService<KnowledgeDbContext>(), options.Value.EmbeddingThreads, stoppingToken), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Embedding knowledge sections failed; trying again in {PollInterval}", PollInterval);
                }

                await _wake.WaitAsync(PollInterval, TimeProvider.System, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            index.Changed -= Wake;
        }
    }

    private void Wake() => _wake.Wake();
}

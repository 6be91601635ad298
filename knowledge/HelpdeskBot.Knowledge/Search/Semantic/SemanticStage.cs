using Microsoft.Extensions.Options;

namespace HelpdeskBot.Knowledge.Search.Semantic;

/// <summary>Settings of search's semantic stage (section <c>Knowledge:Semantic</c>).</summary>
public sealed class SemanticOptions
{
    /// <summary>Off: search is lexical only, and no sentence model is loaded.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many sections nearest to the question join the lexical candidates.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 200)]
    public int Nearest { get; set; } = 20;

    /// <summary>
    /// At start, sections waiting for vectors are embedded before the bot serves when there are at most this many
    /// (the sample knowledge base's 200 take a few seconds), so answers do not change while it runs; more are
    /// embedded in the background, search being lexical for those meanwhile.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1_000_000)]
    public int EmbedAtStartUpTo { get; set; } = 1000;

    /// <summary>
    /// How many threads embed sections in the background while the bot serves (the model runs a text on one core).
    /// One leaves the other cores to the questions; before the bot serves, and in the <c>kb</c> commands, every core
    /// embeds.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int EmbeddingThreads { get; set; } = 1;
}

/// <summary>The question's vector and the sections' vectors, for a hybrid search; null when the stage is off or has no vectors yet.</summary>
public sealed class SemanticStage(ISentenceEncoder encoder, SectionVectorStore store, IOptions<SemanticOptions> options)
{
    public SectionVectorStore Store => store;

    public int Nearest => options.Value.Nearest;

    public SectionVectorStore.Query? Prepare(string question, CancellationToken cancellationToken) =>
        !options.Value.Enabled || store.Count == 0 || string.IsNullOrWhiteSpace(question)
            ? null
            : store.Prepare(encoder.Encode([question], cancellationToken)[0]);
}

using System.ComponentModel;
using HelpdeskBot.Knowledge.Search;
using Microsoft.SemanticKernel;

namespace HelpdeskBot.Knowledge.Answers;

/// <summary>
/// The knowledge base as a tool the chat model may call when the sections it was given are not enough. What it finds
/// joins the answer's numbered sources (a section already there keeps its number), so the model cites it like the
/// others and the reply is checked against it.
/// </summary>
public sealed class KnowledgeSearchPlugin(
    KnowledgeSearch search, KnowledgeIndex index, List<GroundingSource> sources, GroundedAnswerOptions settings)
{
    public const string PluginName = "knowledge";

    public const string NothingFound = "No article in the knowledge base matches that.";

    [KernelFunction("search_knowledge_base")]
    [Description("Searches the IT knowledge base. Returns numbered sources to answer from and cite as [n], or says that nothing matched.")]
    public async Task<string> SearchAsync(
        [Description("What to look for, in a few words, e.g. 'vpn disconnects on wifi'")] string query, CancellationToken cancellationToken)
    {
        var result = await search.SearchAsync(query, settings.MaxSections, cancellationToken);
        if (result.Declined)
        {
            return NothingFound;
        }

        var texts = index.ReadSectionTexts(result.Hits);
        var found = result.Hits.Zip(texts, (hit, text) => (Number(new GroundingSource(hit, text)), new GroundingSource(hit, text)));
        return GroundedAnswerPrompt.SourcesElement([.. found], settings.MaxSourceCharacters);
    }

    private int Number(GroundingSource source)
    {
        lock (sources)
        {
            var known = sources.FindIndex(s => s.Hit.ArticleId == source.Hit.ArticleId && s.Hit.SectionOrdinal == source.Hit.SectionOrdinal);
            if (known >= 0)
            {
                return known + 1;
            }

            sources.Add(source);
            return sources.Count;
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>Search settings (section <c>Knowledge:Search</c>).</summary>
public sealed class KnowledgeSearchOptions
{
    /// <summary>Below this confidence a question is declined rather than answered.</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.5;

    /// <summary>The synonyms data file; authors extend it.</summary>
    public string SynonymsPath { get; set; } = "knowledge/synonyms.txt";
}

using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Knowledge;

/// <summary>The knowledge base's settings (section <c>Knowledge</c>).</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The folder of Markdown articles imported (published) at startup; empty to skip.</summary>
    public string? ArticlesPath { get; set; } = "knowledge/articles";

    /// <summary>Where people open articles (the bot's public address); links in cards point here.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:3978";

    /// <summary>How many other matches an answer card lists.</summary>
    [Range(0, 3)]
    public int OtherMatches { get; set; } = 3;
}

using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Knowledge;

/// <summary>The knowledge base's settings (section <c>Knowledge</c>).</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The folder of Markdown articles imported (published) at startup; empty to skip.</summary>
    public string? ArticlesPath { get; set; } = "knowledge/articles";

    /// <summary>
    /// The folder of the Lucene.Net search index. Unset: beside the database (<c>helpdesk.db</c> → <c>helpdesk.kb-index</c>),
    /// or in memory for an in-memory database. Each instance keeps its own folder; it is rebuilt from the database when
    /// missing, unreadable or of another database.
    /// </summary>
    public string? IndexPath { get; set; }

    /// <summary>
    /// Where people open articles (the bot's public address); links in cards point here. Unset, the address the
    /// message came to: the host Teams posts to, the terminal chat's own loopback port.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How many other matches an answer card lists.</summary>
    [Range(0, 3)]
    public int OtherMatches { get; set; } = 3;

    /// <summary>
    /// How sure an answer must be when the message matches a knowledge-first catalog item ("my outlook keeps crashing"
    /// matches report an incident): below it the item's form opens instead, a better next step than an article that
    /// may be about something else. Above the search's own threshold (<c>Knowledge:Search:MinConfidence</c>).
    /// </summary>
    [Range(0.0, 1.0)]
    public double KnowledgeFirstMinConfidence { get; set; } = 0.8;

    /// <summary>
    /// The catalog items offered as buttons when the knowledge base has no answer, the first of them also when an
    /// answer was not helpful; each opens its form with the question already in it. Ids the catalog lacks are skipped.
    /// Unset: <see cref="DefaultNextSteps"/> (a default here would be merged with, not replaced by, configured ones).
    /// </summary>
    public string[]? NextSteps { get; set; }

    public static IReadOnlyList<string> DefaultNextSteps { get; } = ["report-incident", "other-request"];
}

using HelpdeskBot.Catalog;

namespace HelpdeskBot.Requests;

/// <summary>
/// What became of a message in <see cref="RequestsChat.RouteAsync"/>: answered (a ticket command, an intake or choice
/// card), or left to the knowledge base, with <see cref="KnowledgeFirst"/> the form to offer beside an answer, or to
/// open when there is none.
/// </summary>
public sealed record RequestRoute(bool IsAnswered, CatalogItem? KnowledgeFirst)
{
    public static RequestRoute Answered { get; } = new(true, null);
    public static RequestRoute ToKnowledge { get; } = new(false, null);
}

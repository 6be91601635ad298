using HelpdeskBot.Knowledge.Search;

namespace HelpdeskBot.Knowledge.Answers;

/// <summary>
/// A short answer composed from retrieved sections. <see cref="Text"/> cites them as <c>[n]</c>; every number in it
/// is one of <see cref="Sources"/>.
/// </summary>
public sealed record GroundedAnswer(string Text, IReadOnlyList<GroundedAnswer.Source> Sources)
{
    /// <summary>A cited section: its number in the answer text and the hit it came from.</summary>
    public sealed record Source(int Number, KnowledgeHit Hit);
}

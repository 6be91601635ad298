using HelpdeskBot.Knowledge.Search;

namespace HelpdeskBot.Knowledge.Answers;

/// <summary>A retrieved section the model may answer from: the search hit and the section's full plain text.</summary>
public sealed record GroundingSource(KnowledgeHit Hit, string Text);

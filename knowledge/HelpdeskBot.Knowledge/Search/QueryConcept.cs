namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// One thing a question asks about: a word or phrase, with the equivalent terms (synonyms) or corrections
/// (misspellings) that count as the same, each a sequence of words.
/// </summary>
public sealed record QueryConcept(string Text, IReadOnlyList<string[]> Alternatives, bool Corrected)
{
    /// <summary>Each alternative's stems; the concept is present where all stems of one alternative are.</summary>
    public IReadOnlyList<string[]> StemmedAlternatives { get; } =
        [.. Alternatives.Select(a => a.Select(Stems.Of).ToArray())];

    public bool IsPresentIn(IReadOnlySet<string> stems) => StemmedAlternatives.Any(a => a.All(stems.Contains));

    /// <summary>Whether the knowledge base mentions the concept at all (in any of its forms).</summary>
    public bool IsKnown(Vocabulary vocabulary) => StemmedAlternatives.Any(a => a.All(s => vocabulary.SectionsWithStem(s) > 0));

    /// <summary>How telling the concept is: the IDF of its most common alternative (unknown terms weigh most).</summary>
    public double Weight(Vocabulary vocabulary) =>
        StemmedAlternatives.Min(a => a.Max(vocabulary.Idf));
}

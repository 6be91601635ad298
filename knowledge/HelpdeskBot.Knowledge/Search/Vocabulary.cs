namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// The words of the published articles with how many sections hold each, and their stems: what the query side
/// needs to weigh terms (IDF) and to correct misspellings against the index's own vocabulary.
/// </summary>
public sealed class Vocabulary
{
    private readonly Dictionary<string, int> _wordSections;
    private readonly Dictionary<string, int> _stemSections = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<string>> _wordsByLength = [];

    public Vocabulary(long generation, int sections, IEnumerable<(string Word, int Sections)> words)
    {
        Generation = generation;
        SectionCount = Math.Max(sections, 1);
        _wordSections = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (word, count) in words)
        {
            _wordSections[word] = count;
            var stem = PorterStemmer.Stem(word);
            _stemSections[stem] = Math.Min(SectionCount, _stemSections.GetValueOrDefault(stem) + count);
            if (!_wordsByLength.TryGetValue(word.Length, out var bucket))
            {
                _wordsByLength[word.Length] = bucket = [];
            }

            bucket.Add(word);
        }
    }

    public long Generation { get; }
    public int SectionCount { get; }

    public bool Contains(string word) => _wordSections.ContainsKey(word);

    public int SectionsWithStem(string stem) => _stemSections.GetValueOrDefault(stem);

    /// <summary>Inverse document frequency of a stem; an unknown stem gets the highest.</summary>
    public double Idf(string stem) => Math.Log(1 + SectionCount / (1.0 + SectionsWithStem(stem)));

    /// <summary>
    /// The index words closest to a misspelled one (one edit for short words, two from eight letters), the most
    /// common first; none when the word is too short to guess at.
    /// </summary>
    public IReadOnlyList<string> Corrections(string word, int max = 2)
    {
        // Under five letters a "misspelling" is too often a real word the index lacks ("talk" is not "task").
        if (word.Length < 5 || !word.All(char.IsLetter))
        {
            return [];
        }

        // People rarely mistype the first letter; requiring it (or a swap of the first two) keeps real but unknown
        // words ("payday", "nicked") from being "corrected" into unrelated ones.
        var maxDistance = word.Length >= 8 ? 2 : 1;
        var found = new List<(string Word, int Distance, int Sections)>();
        for (var length = word.Length - maxDistance; length <= word.Length + maxDistance; length++)
        {
            foreach (var candidate in _wordsByLength.GetValueOrDefault(length) ?? [])
            {
                if (candidate[0] != word[0] && !(candidate[0] == word[1] && candidate[1] == word[0]))
                {
                    continue;
                }

                var distance = EditDistance.Bounded(word, candidate, maxDistance);
                if (distance <= maxDistance)
                {
                    found.Add((candidate, distance, _wordSections[candidate]));
                }
            }
        }

        return [.. found.OrderBy(f => f.Distance).ThenByDescending(f => f.Sections).Take(max).Select(f => f.Word)];
    }
}

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// The words of the published articles with how many sections hold each, and their stems: what the query side
/// needs to weigh terms (IDF) and to correct misspellings against the index's own vocabulary.
/// </summary>
public sealed class Vocabulary
{
    private readonly Dictionary<string, int> _wordSections;
    private readonly Dictionary<string, int> _stemSections = new(StringComparer.Ordinal);
    // Correction candidates share the first letter (or have the first two swapped): bucketing by length and first
    // letter looks at a small part of a large vocabulary. Position keeps the vocabulary's order for ties; Letters is
    // the word's set of letters (see LetterSet).
    private readonly Dictionary<(int Length, char First), List<(string Word, int Position, uint Letters)>> _buckets = [];

    public Vocabulary(long generation, int sections, IEnumerable<(string Word, int Sections)> words)
    {
        Generation = generation;
        SectionCount = Math.Max(sections, 1);
        _wordSections = new Dictionary<string, int>(StringComparer.Ordinal);
        var position = 0;
        foreach (var (word, count) in words)
        {
            _wordSections[word] = count;
            var stem = Stems.Of(word);
            _stemSections[stem] = Math.Min(SectionCount, _stemSections.GetValueOrDefault(stem) + count);
            if (word.Length == 0) continue;
            if (!_buckets.TryGetValue((word.Length, word[0]), out var bucket))
            {
                _buckets[(word.Length, word[0])] = bucket = [];
            }

            bucket.Add((word, position++, LetterSet(word)));
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
        // Under four letters a "misspelling" is too often a real word the index lacks; at four, only the two slips
        // thumbs make most, a dropped letter ("phne", "admn") or two swapped ("wrok"), not a changed one ("talk" is
        // not "task").
        if (word.Length < 4 || !word.All(char.IsLetter))
        {
            return [];
        }

        // People rarely mistype the first letter; requiring it (or a swap of the first two) keeps real but unknown
        // words ("payday", "nicked") from being "corrected" into unrelated ones.
        var maxDistance = word.Length >= 8 ? 2 : 1;
        var found = new List<(string Word, int Distance, int Sections, int Position)>();
        var letters = LetterSet(word);
        var lengths = word.Length == 4 ? [4, 5] : Enumerable.Range(word.Length - maxDistance, 2 * maxDistance + 1);
        foreach (var length in lengths)
        {
            AddCorrections(word, letters, maxDistance, _buckets.GetValueOrDefault((length, word[0])), found);
            if (word[1] != word[0])
            {
                AddCorrections(word, letters, maxDistance, _buckets.GetValueOrDefault((length, word[1])), found);
            }
        }

        if (word.Length == 4)
        {
            found.RemoveAll(f => f.Word.Length == 4 && !IsSwap(word, f.Word));
        }

        return [.. found.OrderBy(f => f.Distance).ThenByDescending(f => f.Sections).ThenBy(f => f.Word.Length).ThenBy(f => f.Position)
            .Take(max).Select(f => f.Word)];
    }

    private static bool IsSwap(string a, string b)
    {
        var differ = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToArray();
        return differ.Length == 2 && differ[1] == differ[0] + 1 && a[differ[0]] == b[differ[1]] && a[differ[1]] == b[differ[0]];
    }

    /// <summary>
    /// Which letters a word holds, one bit each (a-z; any other character shares one of six more bits). Each edit adds
    /// at most one letter the other word lacks and removes at most one, so two words with more differing letters than
    /// edits allowed are further apart than that: most of a bucket is passed over without computing the distance.
    /// </summary>
    private static uint LetterSet(string word)
    {
        var set = 0u;
        foreach (var c in word)
        {
            set |= 1u << (c is >= 'a' and <= 'z' ? c - 'a' : 26 + c % 6);
        }

        return set;
    }

    private void AddCorrections(
        string word, uint letters, int maxDistance, List<(string Word, int Position, uint Letters)>? bucket,
        List<(string Word, int Distance, int Sections, int Position)> found)
    {
        foreach (var (candidate, position, candidateLetters) in bucket ?? [])
        {
            if (candidate[0] != word[0] && candidate[1] != word[0])
            {
                continue; // from the second letter's bucket: only a swap of the first two letters counts
            }

            if (System.Numerics.BitOperations.PopCount(letters & ~candidateLetters) > maxDistance
                || System.Numerics.BitOperations.PopCount(candidateLetters & ~letters) > maxDistance)
            {
                continue;
            }

            var distance = EditDistance.Bounded(word, candidate, maxDistance);
            if (distance <= maxDistance)
            {
                found.Add((candidate, distance, _wordSections[candidate], position));
            }
        }
    }
}

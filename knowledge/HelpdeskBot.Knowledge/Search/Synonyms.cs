namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// IT-domain synonyms and abbreviations, as groups of equivalent terms (one group a line, comma-separated, a term may
/// be several words: <c>pw, password, passcode</c>). Authors extend the data file; no code changes.
/// </summary>
public sealed class Synonyms
{
    private readonly Dictionary<string, List<string[]>> _groupsByTerm = new(StringComparer.Ordinal);

    public static Synonyms Empty { get; } = new([]);

    public Synonyms(IEnumerable<IReadOnlyList<string>> groups)
    {
        foreach (var group in groups)
        {
            var terms = group.Select(t => TextTokens.Words(t).ToArray()).Where(t => t.Length > 0).ToList();
            foreach (var term in terms)
            {
                var key = Key(term);
                if (!_groupsByTerm.TryGetValue(key, out var list))
                {
                    _groupsByTerm[key] = list = [];
                }

                list.AddRange(terms.Where(t => !t.SequenceEqual(term)));
            }
        }
    }

    /// <summary>Reads the data file: blank lines and lines starting with # are ignored.</summary>
    public static Synonyms Load(string path) => new(File.ReadLines(path)
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => (IReadOnlyList<string>)l.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));

    // Terms match by their stems, so "crashing" finds the group of "crash" and "printers" that of "printer".
    private static string Key(IEnumerable<string> words) => string.Join(' ', words.Select(Stems.Of));

    /// <summary>The longest phrase (up to 3 words) starting at <paramref name="start"/> that has synonyms.</summary>
    public (int Length, IReadOnlyList<string[]> Alternatives) Match(IReadOnlyList<string> words, int start)
    {
        for (var length = Math.Min(3, words.Count - start); length >= 1; length--)
        {
            var key = Key(words.Skip(start).Take(length));
            if (_groupsByTerm.TryGetValue(key, out var alternatives))
            {
                return (length, alternatives);
            }
        }

        return (0, []);
    }
}

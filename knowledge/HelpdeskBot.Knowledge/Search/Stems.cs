using System.Collections.Concurrent;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// Word stems ("connecting", "connected", "connection" → "connect"): Lucene's Porter stemmer (the Snowball port),
/// the one the index's <see cref="SectionAnalyzer"/> applies, so the query side reasons about the very terms the index
/// holds. Words with anything but the letters a-z (numbers, other scripts) and words of one or two letters stay as they
/// are. Stems are remembered (up to <see cref="Remembered"/> words): ranking stems every word of 50 candidate
/// sections per question, mostly the same few thousand words.
/// </summary>
public static class Stems
{
    public const int Remembered = 200_000;

    [ThreadStatic]
    private static PorterStemmer? _stemmer;

    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);

    public static string Of(string word)
    {
        if (word.Length <= 2 || word.Any(c => c is < 'a' or > 'z'))
        {
            return word;
        }

        if (Known.TryGetValue(word, out var known))
        {
            return known;
        }

        var stemmer = _stemmer ??= new PorterStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        var stem = stemmer.Current;
        if (Known.Count < Remembered) Known.TryAdd(word, stem);
        return stem;
    }
}

using System.Collections.Concurrent;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// Word stems ("connecting", "connected", "connection" → "connect"): Lucene's Porter stemmer (the Snowball port),
/// the one the index's <see cref="SectionAnalyzer"/> applies, so the query side reasons about the very terms the index
/// holds. Words with anything but the letters a-z (numbers, other scripts) and words of one or two letters stay as they
/// are. Stems are remembered (up to <see cref="Remembered"/> words): the index's analysis stems every word of every
/// section it indexes, mostly the same few thousand words.
/// </summary>
public static class Stems
{
    public const int Remembered = 200_000;

    [ThreadStatic]
    private static PorterStemmer? _stemmer;

    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownBySpan =
        Known.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether the stemmer leaves the word as it is (one or two letters, or anything but a-z).</summary>
    private static bool Kept(ReadOnlySpan<char> word) => word.Length <= 2 || word.ContainsAnyExceptInRange('a', 'z');

    /// <summary>
    /// The stem of a word held in a buffer (the index's analysis): null when the stem is the word itself; a word
    /// stemmed before costs no string.
    /// </summary>
    public static string? OfChanged(ReadOnlySpan<char> word)
    {
        if (Kept(word))
        {
            return null;
        }

        var stem = KnownBySpan.TryGetValue(word, out var known) ? known : Of(word.ToString());
        return word.SequenceEqual(stem) ? null : stem;
    }

    public static string Of(string word)
    {
        if (Kept(word))
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

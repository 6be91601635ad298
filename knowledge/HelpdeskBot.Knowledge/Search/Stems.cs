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

    // How many words are remembered, kept apart: the dictionary's own Count takes every one of its locks, on every
    // new word of every search.
    private static int _rememberedCount;

    /// <summary>Whether the stemmer leaves the word as it is (one or two letters, or anything but a-z).</summary>
    private static bool Kept(ReadOnlySpan<char> word) => word.Length <= 2 || word.ContainsAnyExceptInRange('a', 'z');

    // The index's analysis asks for every word of every section, mostly the same few thousand: each thread keeps
    // what it asked (null: the word is its own stem), so the import's indexing thread takes no lock per word.
    [ThreadStatic]
    private static Dictionary<string, string?>? _analyzed;

    private const int AnalyzedPerThread = 50_000;

    /// <summary>
    /// The stem of a word held in a buffer (the index's analysis): null when the stem is the word itself; a word
    /// stemmed before on this thread costs no string and no lock.
    /// </summary>
    public static string? OfChanged(ReadOnlySpan<char> word)
    {
        if (Kept(word))
        {
            return null;
        }

        var analyzed = _analyzed ??= new Dictionary<string, string?>(StringComparer.Ordinal);
        if (analyzed.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var known))
        {
            return known;
        }

        var text = word.ToString();
        var stem = Of(text);
        var changed = stem == text ? null : stem;
        if (analyzed.Count >= AnalyzedPerThread) analyzed.Clear();
        analyzed[text] = changed;
        return changed;
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
        if (Volatile.Read(ref _rememberedCount) < Remembered && Known.TryAdd(word, stem))
        {
            Interlocked.Increment(ref _rememberedCount);
        }

        return stem;
    }
}

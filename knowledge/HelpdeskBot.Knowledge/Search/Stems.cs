using Lucene.Net.Tartarus.Snowball.Ext;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// Word stems ("connecting", "connected", "connection" → "connect"): Lucene's Porter stemmer (the Snowball port),
/// the one the index's <see cref="SectionAnalyzer"/> applies, so the query side reasons about the very terms the index
/// holds. Words with anything but the letters a-z (numbers, other scripts) and words of one or two letters stay as they
/// are.
/// </summary>
public static class Stems
{
    [ThreadStatic]
    private static PorterStemmer? _stemmer;

    public static string Of(string word)
    {
        if (word.Length <= 2 || word.Any(c => c is < 'a' or > 'z'))
        {
            return word;
        }

        var stemmer = _stemmer ??= new PorterStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }
}

using System.Text.RegularExpressions;

namespace HelpdeskBot.Benchmarks.Knowledge;

/// <summary>
/// The words generated articles are written with: the sample articles' own words, most frequent first, followed by a
/// long tail of made-up IT-sounding terms, drawn with Zipf-like frequencies (rank r has weight 1/r^1.05).
/// </summary>
public sealed partial class ZipfWords
{
    private static readonly string[] Onsets = ["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "st", "tr", "pr", "cl", "sn", "fl"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io"];
    private static readonly string[] Codas = ["", "n", "r", "x", "s", "t", "nd", "rk", "ck", "ll"];

    private readonly string[] _words;
    private readonly double[] _cumulative;

    public ZipfWords(string sampleArticlesFolder, int tailSize, Random random)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(sampleArticlesFolder, "*.md").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var body = text[(text.IndexOf("\n---", 3, StringComparison.Ordinal) + 4)..];
            foreach (Match match in Word().Matches(body))
            {
                var word = match.Value.ToLowerInvariant();
                counts[word] = counts.GetValueOrDefault(word) + 1;
            }
        }

        SampleWords = [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key)];
        var known = new HashSet<string>(SampleWords, StringComparer.Ordinal);
        var tail = new List<string>(tailSize);
        while (tail.Count < tailSize)
        {
            var made = MakeUp(random, random.Next(2, 4));
            if (known.Add(made)) tail.Add(made);
        }

        _words = [.. SampleWords, .. tail];
        Known = known;
        _cumulative = new double[_words.Length];
        var sum = 0.0;
        for (var r = 0; r < _words.Length; r++)
        {
            _cumulative[r] = sum += 1 / Math.Pow(r + 1, 1.05);
        }
    }

    /// <summary>The sample articles' words, the most frequent first.</summary>
    public IReadOnlyList<string> SampleWords { get; }

    /// <summary>Every word the generator may write.</summary>
    public IReadOnlySet<string> Known { get; }

    public int Count => _words.Length;

    public string this[int rank] => _words[rank];

    public string Next(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);
        return _words[Math.Min(index < 0 ? ~index : index, _words.Length - 1)];
    }

    /// <summary>A pronounceable made-up word of a few syllables ("stainrk", "clio").</summary>
    public static string MakeUp(Random random, int syllables)
    {
        var word = "";
        for (var i = 0; i < syllables; i++)
        {
            word += Onsets[random.Next(Onsets.Length)] + Vowels[random.Next(Vowels.Length)] + (i == syllables - 1 ? Codas[random.Next(Codas.Length)] : "");
        }

        return word;
    }

    [GeneratedRegex(@"[A-Za-z][A-Za-z']*[A-Za-z]")]
    private static partial Regex Word();
}

using HelpdeskBot.Knowledge.Search;

namespace HelpdeskBot.Handover;

/// <summary>
/// Whether two texts are about the same thing: their content words (stop words left out, stemmed as search stems
/// them) overlap enough. Cheap and local: used on a handful of recent messages or open tickets.
/// </summary>
public static class ProblemWords
{
    /// <summary>Content-word stems of the text.</summary>
    public static HashSet<string> Of(string text) =>
        [.. TextTokens.Words(text).Where(w => w.Length > 1 && !StopWords.Contains(w)).Select(Stems.Of)];

    /// <summary>
    /// Two messages say the same (<paramref name="threshold"/> of their words in common, Jaccard): "vpn won't connect"
    /// and "the vpn still won't connect".
    /// </summary>
    public static bool Same(IReadOnlySet<string> a, IReadOnlySet<string> b, double threshold = 0.6)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }

        var common = a.Count(b.Contains);
        return (double)common / (a.Count + b.Count - common) >= threshold;
    }

    /// <summary>
    /// A question is about a ticket's subject when most of the smaller side's words are in the other (at least two of
    /// them, or the one word each has): "outlook crashes on start" and "Chat: outlook keeps crashing on start".
    /// </summary>
    public static bool About(IReadOnlySet<string> question, IReadOnlySet<string> subject, double threshold = 0.6)
    {
        if (question.Count == 0 || subject.Count == 0)
        {
            return false;
        }

        var common = question.Count(subject.Contains);
        var smaller = Math.Min(question.Count, subject.Count);
        return (common >= 2 || (smaller == 1 && common == 1)) && (double)common / smaller >= threshold;
    }
}

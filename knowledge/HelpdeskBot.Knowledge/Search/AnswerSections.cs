using System.Text.RegularExpressions;

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// Which section of an article to show as the answer. The section that matches the question best is often the one
/// that restates it ("Symptoms") or says when to give up ("When to contact the help desk"), because both use the
/// employee's own words; the fix is a few lines further down. So among an article's sections the answer is the one
/// whose heading and text cover the question best: a section that explains preferred when the question asks what or
/// why something is; otherwise a section of steps preferred, and never one that only describes the problem or the way
/// to the help desk when another covers any of the question.
/// </summary>
internal static partial class AnswerSections
{
    // Heading openings of sections that set the scene rather than solve anything (lower case, punctuation removed).
    private static readonly string[] ContextOpenings =
        ["symptom", "overview", "when to contact", "contact", "before you start", "related", "see also", "warning sign", "introduction", "about this"];

    // Heading words of sections that tell you what to do.
    private static readonly string[] ActionWords =
        ["step", "fix", "troubleshoot", "what to do", "what you can do", "quick check", "how to", "set up", "try", "solution", "workaround"];

    // Heading openings of sections that explain: what a "what is" or "why" question wants.
    private static readonly string[] ExplanationOpenings = ["overview", "about", "what", "why", "introduction", "background"];

    public static bool IsContext(string heading) => ContextOpenings.Any(Normalized(heading).StartsWith);

    public static bool IsAction(string heading) => ActionWords.Any(Normalized(heading).Contains);

    public static bool Explains(string heading) => ExplanationOpenings.Any(Normalized(heading).StartsWith);

    /// <summary>"what is ...", "why does ...", "who can ...": the explanation is the answer, so it may come from any section.</summary>
    public static bool WantsExplanation(string question) => Explanation().IsMatch(question);

    /// <summary>
    /// The index of the section to show. <paramref name="coverage"/> is each section's share of the question its
    /// heading and text cover, <paramref name="headingCoverage"/> its heading's; <paramref name="matched"/> the
    /// section search ranked the article by, kept on a tie, as is the earlier of two others.
    /// </summary>
    public static int Choose(
        IReadOnlyList<string> headings, IReadOnlyList<double> coverage, IReadOnlyList<double> headingCoverage, int matched, bool wantsExplanation)
    {
        var best = matched;
        var bestScore = Score(matched);
        for (var i = 0; i < headings.Count; i++)
        {
            var score = Score(i);
            if (score > bestScore + 1e-9)
            {
                (best, bestScore) = (i, score);
            }
        }

        return best;

        double Score(int i)
        {
            var score = coverage[i] + 0.3 * headingCoverage[i] + ((wantsExplanation ? Explains(headings[i]) : IsAction(headings[i])) ? 0.2 : 0);
            // Only a section covering some of the question replaces the match; a context section loses to any such one.
            return coverage[i] <= 0 && i != matched ? double.MinValue
                : !wantsExplanation && IsContext(headings[i]) ? score - 1 : score;
        }
    }

    private static string Normalized(string heading) => NotLetters().Replace(heading.ToLowerInvariant(), " ").Trim();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NotLetters();

    // "what ..." except "what do I do / what should I do / what to do", "why ...", "who ...".
    [GeneratedRegex(@"^\W*(?:why|who|what(?!.*\b(?:do|should|can)\s+i\s+do\b)(?!\s+to\s+do\b))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Explanation();
}

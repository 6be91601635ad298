namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// What speaks for an article answering a question, each independent of the knowledge base's size and wording:
/// <list type="bullet">
/// <item><see cref="Strong"/>: the IDF-weighted share of the question its best section really discusses (in the
/// title, tags or heading, or at least twice in the text);</item>
/// <item><see cref="Title"/>: the share its title and tags cover;</item>
/// <item><see cref="Margin"/>: its lead over the next article;</item>
/// <item><see cref="Unknown"/>: the share of the question the knowledge base never mentions at all;</item>
/// <item><see cref="Evidence"/>: the covered weight in units of the rarest possible term, which lets a long
/// question full of context be answered when its telling part is covered.</item>
/// <item><see cref="Similarity"/>: the sentence model's cosine between the question and the article's nearest
/// candidate section; null when the semantic stage is off or the sections have no vectors yet.</item>
/// </list>
/// </summary>
public sealed record AnswerEvidence(double Strong, double Title, double Margin, double Unknown, double Evidence, double? Similarity = null);

/// <summary>
/// A logistic model over <see cref="AnswerEvidence"/>: the confidence that the article answers the question rather
/// than the question being one the knowledge base does not cover. Fitted with knowledge/evaluation/fit-confidence.py
/// on the labeled questions of several knowledge bases, validated leaving one knowledge base out (figures in the
/// README); the intercept puts the decision at 0.5 at the operating point that declines at most about 5% of
/// answerable questions of a knowledge base the fit has not seen.
/// </summary>
public static class AnswerConfidence
{
    // Fitted 2026-11-22 on three knowledge bases (the sample and the Northwind and Fabrikam held-out sets; see the
    // script); refit after large changes to ranking, stop words or synonyms.
    private const double Intercept = -2.94;
    private const double StrongWeight = 0.66;
    private const double TitleWeight = 5.41;
    private const double MarginWeight = 0.70;
    private const double UnknownWeight = 0.24;
    private const double EvidenceWeight = 1.92;

    // With the sentence model's similarity (the semantic stage), fitted 2026-12-05 the same way on the hybrid ranking's
    // evidence (fit-confidence.py --hybrid; sample, Northwind, Fabrikam): intercept, then Strong, Title, Margin,
    // Unknown, Evidence, Similarity.
    private static readonly double[] Hybrid = [-6.16, 0.74, 3.69, 1.34, 0.54, 1.46, 7.39];

    public static double Of(AnswerEvidence e)
    {
        var z = e.Similarity is { } similarity
            ? Hybrid[0] + Hybrid[1] * e.Strong + Hybrid[2] * e.Title + Hybrid[3] * e.Margin + Hybrid[4] * e.Unknown
              + Hybrid[5] * e.Evidence + Hybrid[6] * similarity
            : Intercept + StrongWeight * e.Strong + TitleWeight * e.Title + MarginWeight * e.Margin
              + UnknownWeight * e.Unknown + EvidenceWeight * e.Evidence;
        return 1 / (1 + Math.Exp(-z));
    }
}

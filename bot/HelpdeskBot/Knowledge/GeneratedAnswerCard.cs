using HelpdeskBot.Knowledge.Answers;
using HelpdeskBot.Protocol.Cards;

namespace HelpdeskBot.Knowledge;

/// <summary>
/// A generated answer: the composed text, a note that it was generated, the cited articles as its sources (each with
/// its link), and the same feedback buttons as the extractive answer card.
/// </summary>
public static class GeneratedAnswerCard
{
    public const string GeneratedNote = "Generated from the articles below";

    public static AdaptiveCard Build(GroundedAnswer answer, string question, string baseUrl, AnswerCard.NextStep? next = null)
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                new TextBlock(answer.Text),
                new TextBlock(GeneratedNote) { IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.Small },
                new TextBlock("Sources:") { Weight = TextWeight.Bolder, Separator = true },
            ],
        };
        card.Body.AddRange(answer.Sources.Select(s => new TextBlock(
            $"[{s.Number}] {AnswerCard.Escape(s.Hit.Title)}: [Open article]({AnswerCard.ArticleUrl(baseUrl, s.Hit.ArticleId)})")
        { Spacing = Spacing.Small }));
        AnswerCard.AddNextStep(card, next, question);
        AnswerCard.AddFeedback(card, new AnswerCard.Feedback(answer.Sources[0].Hit.ArticleId, true, AnswerCard.Carried(question), Generated: true, next),
            askForFeedback: true, thanks: null);
        return card;
    }
}

using HelpdeskBot.Knowledge.Answers;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Protocol.Cards;

namespace HelpdeskBot.Knowledge;

/// <summary>
/// A generated answer: the composed text, a note that it was generated, the cited articles as its sources (each with
/// its link), and the same feedback buttons as the extractive answer card. An answer from the help desk's records
/// (the chat model's tools) cites no article: its note says so, and its feedback is on the best article search found.
/// </summary>
public static class GeneratedAnswerCard
{
    public const string GeneratedNote = "Generated from the articles below";

    public const string RecordsNote = "Generated from the help desk's records";

    public static AdaptiveCard Build(GroundedAnswer answer, KnowledgeHit best, string question, string baseUrl, AnswerCard.NextStep? next = null)
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                new TextBlock(answer.Text),
                new TextBlock(answer.Sources.Count > 0 ? GeneratedNote : RecordsNote) { IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.Small },
            ],
        };
        if (answer.Sources.Count > 0)
        {
            card.Body.Add(new TextBlock("Sources:") { Weight = TextWeight.Bolder, Separator = true });
        }

        card.Body.AddRange(answer.Sources.Select(s => new TextBlock(
            $"[{s.Number}] {AnswerCard.Escape(s.Hit.Title)}: [Open article]({AnswerCard.ArticleUrl(baseUrl, s.Hit.ArticleId)})")
        { Spacing = Spacing.Small }));
        AnswerCard.AddNextStep(card, next, question);
        var articleId = answer.Sources.Count > 0 ? answer.Sources[0].Hit.ArticleId : best.ArticleId;
        AnswerCard.AddFeedback(card, new AnswerCard.Feedback(articleId, true, AnswerCard.Carried(question), Generated: true, next),
            askForFeedback: true, thanks: null);
        return card;
    }
}

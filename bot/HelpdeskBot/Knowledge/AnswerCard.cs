using HelpdeskBot.Catalog;
using HelpdeskBot.Knowledge.Search;
using HelpdeskBot.Protocol.Cards;

namespace HelpdeskBot.Knowledge;

/// <summary>An answer from the knowledge base: the best section, the article, feedback buttons and other matches.</summary>
public static class AnswerCard
{
    public const string FeedbackVerb = "kb-feedback";

    /// <summary>
    /// What the feedback buttons carry back; <paramref name="Generated"/> is true on a generated answer's card,
    /// <paramref name="NextStep"/> the form the card offers (kept on the card that replaces it).
    /// </summary>
    public sealed record Feedback(string ArticleId, bool Helpful, string Question, bool? Generated = null, NextStep? NextStep = null);

    /// <summary>A catalog form the answer offers in case it does not solve the problem ("Report an incident").</summary>
    public sealed record NextStep(string Item, string Title);

    public static AdaptiveCard Build(
        KnowledgeSearchResult result, string baseUrl, bool askForFeedback = true, string? thanks = null, NextStep? next = null)
    {
        var best = result.Best!;
        var card = new AdaptiveCard
        {
            Body =
            [
                new TextBlock(best.Title) { Size = TextSize.Medium, Weight = TextWeight.Bolder },
                new TextBlock(best.SectionHeading) { IsSubtle = true, Spacing = Spacing.None },
                new TextBlock(best.Snippet),
            ],
            Actions = [new ActionOpenUrl("Open article", ArticleUrl(baseUrl, best.ArticleId))],
        };
        var others = result.Hits.Skip(1).Take(3).ToList();
        if (others.Count > 0)
        {
            card.Body.Add(new TextBlock("Other matches") { Weight = TextWeight.Bolder, Separator = true });
            card.Body.AddRange(others.Select(o => new TextBlock($"[{Escape(o.Title)}]({ArticleUrl(baseUrl, o.ArticleId)})") { Spacing = Spacing.Small }));
        }

        AddNextStep(card, next, result.Question);
        AddFeedback(card, new Feedback(best.ArticleId, true, Carried(result.Question), NextStep: next), askForFeedback, thanks);
        return card;
    }

    /// <summary>The form's button, opened as the catalog's own choice buttons open one, with the question in it.</summary>
    internal static void AddNextStep(AdaptiveCard card, NextStep? next, string question)
    {
        if (next is not null)
        {
            card.Actions.Add(CatalogChoiceCard.OpenButton(next.Item, next.Title, question));
        }
    }

    /// <summary>The question as the buttons carry it back: as much of it as search reads, so the card stays small.</summary>
    internal static string Carried(string question) =>
        question.Length <= QueryAnalyzer.MaxQuestionChars ? question : question[..QueryAnalyzer.MaxQuestionChars];

    /// <summary>"Was this helpful?" with Yes/No (the same on every answer card), or the thanks that replaces them.</summary>
    internal static void AddFeedback(AdaptiveCard card, Feedback helpful, bool askForFeedback, string? thanks)
    {
        if (askForFeedback)
        {
            card.Body.Add(new TextBlock("Was this helpful?") { Separator = true });
            card.Body.Add(new ActionSet
            {
                Actions =
                [
                    ActionExecute.Create("Yes", FeedbackVerb, helpful with { Helpful = true }),
                    ActionExecute.Create("No", FeedbackVerb, helpful with { Helpful = false }),
                ],
            });
        }
        else if (thanks is not null)
        {
            card.Body.Add(new TextBlock(thanks) { Separator = true, IsSubtle = true });
        }
    }

    public static string ArticleUrl(string baseUrl, string articleId) => $"{baseUrl.TrimEnd('/')}/kb/{Uri.EscapeDataString(articleId)}";

    // Titles are author text: keep them from breaking the Markdown link around them.
    internal static string Escape(string text) => text.Replace("[", "(").Replace("]", ")");
}

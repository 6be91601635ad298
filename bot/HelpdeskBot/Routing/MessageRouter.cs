using HelpdeskBot.Catalog;
using HelpdeskBot.Outages;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Routing;

/// <summary>
/// Decides where a message that no command took goes. The sentence model ranks the intents by their examples; the
/// keyword rules that routed alone before (the catalog's keywords, an outage question's pattern) add their evidence;
/// a message like no intent's examples is a question for the knowledge base. When the two best are close, both are
/// offered on a small card, except that a question close to a form is answered with that form as its next step.
/// </summary>
public sealed class MessageRouter(IntentClassifier classifier, CatalogMatcher matcher, IOptions<RoutingOptions> options)
{
    /// <summary>What a keyword rule adds to its intent's similarity.</summary>
    public const double RuleWeight = 0.05;

    public bool UsesModel => options.Value.UseModel;

    public MessageRoute Route(string text, CancellationToken cancellationToken) =>
        Decide(classifier.Rank(text, cancellationToken), text, matcher.Match(text), options.Value);

    /// <summary>The decision, from the model's ranking, the catalog's keyword match and the message's form.</summary>
    public static MessageRoute Decide(IReadOnlyList<IntentScore> scores, string text, CatalogMatchResult match, RoutingOptions settings)
    {
        var ranked = scores
            .Where(s => Fits(s, text))
            .Select(s => s with { Score = s.Score + Evidence(s, text, match) })
            .OrderByDescending(s => s.Score)
            .ToList();
        var knowledgeFirst = match.IsSure && match.Best is { KnowledgeFirst: true } sure ? sure : null;
        if (ranked.Count == 0 || ranked[0].Score < settings.MinScore)
        {
            return new MessageRoute(Intents.Answer, ranked.FirstOrDefault()?.Score ?? 0, NextStep: knowledgeFirst, FormIfUnanswered: knowledgeFirst is not null);
        }

        var best = ranked[0];
        var close = ranked.Skip(1).TakeWhile(s => best.Score - s.Score < settings.Margin).ToList();
        var answerIsClose = best.Intent == Intents.Answer || close.Any(s => s.Intent == Intents.Answer);
        if (best.Intent == Intents.Answer)
        {
            // A how-to question that reads a little like a request: its answer, with the form one press away.
            return new MessageRoute(Intents.Answer, best.Score, NextStep: close.FirstOrDefault(s => s.Item is not null)?.Item ?? knowledgeFirst);
        }

        if (best.Item is { } asked && RoutingCues.AsksHowTo(text))
        {
            // "how do I get access to the finance share?": the article on it, with the form one press away.
            return new MessageRoute(Intents.Answer, best.Score, NextStep: asked);
        }

        if (best.Item is { KnowledgeFirst: true } item && answerIsClose)
        {
            // "forgot my password", close to a question: the self-service article first, the form beside it.
            return new MessageRoute(Intents.Answer, best.Score, NextStep: item, FormIfUnanswered: true);
        }

        if (best.Intent == Intents.Decline && answerIsClose)
        {
            return new MessageRoute(Intents.Answer, best.Score, NextStep: knowledgeFirst); // the knowledge base says whether it knows
        }

        var others = close.Where(s => s.Intent is not (Intents.Answer or Intents.Decline or Intents.SmallTalk)).Take(2).ToList();
        if (best.Intent is not (Intents.Decline or Intents.SmallTalk) && others.Count > 0)
        {
            return MessageRoute.Ask([ToRoute(best), .. others.Select(ToRoute)]);
        }

        return ToRoute(best);
    }

    private static MessageRoute ToRoute(IntentScore score) => new(score.Intent, score.Score, score.Item);

    /// <summary>
    /// Intents a message must also read like: notices only when it speaks of notices ("vpn" alone subscribes nobody),
    /// outage status only for a question ("outlook is down for me, please fix" reports an incident), and no new form for
    /// a question after a request already made ("where is my laptop request").
    /// </summary>
    private static bool Fits(IntentScore score, string text) => score switch
    {
        { Intent: Intents.Subscribe } => RoutingCues.SpeaksOfNotices(text),
        { Intent: Intents.Outage } => RoutingCues.AsksAboutOutages(text),
        { Item: not null } => !RoutingCues.AsksAfterARequest(text),
        _ => true,
    };

    private static double Evidence(IntentScore score, string text, CatalogMatchResult match) => score switch
    {
        { Item: { } item } when match.IsSure && match.Best == item => RuleWeight,
        { Intent: Intents.Outage } when ServiceMatcher.IsOutageQuestion(text) => RuleWeight,
        { Intent: Intents.Answer } when RoutingCues.AsksHowTo(text) => RuleWeight,
        { Intent: Intents.Tickets } when RoutingCues.AsksAfterARequest(text) => RuleWeight,
        _ => 0,
    };
}

using System.Text.RegularExpressions;

namespace HelpdeskBot.Routing;

/// <summary>
/// Words the router weighs beside the model's similarity: what makes a message a how-to question, a question about
/// outages, or a wish about notices. The model knows what a message is about; these know its form.
/// </summary>
public static partial class RoutingCues
{
    /// <summary>
    /// "how do I ...", "where can I find ...", "what should I try", "any tips?", "is there a fix?": the person wants to
    /// know what to do, so the knowledge base answers first, with the form a request would need beside it. "where is my
    /// laptop request" asks after a ticket, not how to do something.
    /// </summary>
    public static bool AsksHowTo(string text) => HowTo().IsMatch(text);

    /// <summary>
    /// A question ("is email down?", "anyone else having vpn issues") or words of outages ("for everyone", "status",
    /// "maintenance"): outage status. "outlook is down for me, please fix" is a report, not a question.
    /// </summary>
    public static bool AsksAboutOutages(string text) => OutageWords().IsMatch(text) || IsQuestion(text);

    /// <summary>"is email down?", "anyone else on vpn": asked, not told ("email is down for everyone in my team").</summary>
    public static bool IsQuestion(string text) => text.TrimEnd().EndsWith('?') || QuestionStart().IsMatch(text);

    /// <summary>
    /// "where is my laptop request", "what's happening with my software request", "when will the new starter request
    /// be done?", "any update on INC0001002": the person asks after a request they made, not for a new one.
    /// </summary>
    public static bool AsksAfterARequest(string text) => StatusQuestion().IsMatch(text) && RequestWords().IsMatch(text);

    /// <summary>"notify me", "keep me posted", "unsubscribe", "stop sending me alerts": a wish about notices.</summary>
    public static bool SpeaksOfNotices(string text) => Notices().IsMatch(text);

    [GeneratedRegex(@"^\W*(?:(?:hi|hello|hey)\W+)?(?:how\s+(?:do|can|should|would|to|does)|where\s+(?:do|can|should)\s+i|where\s+(?:is|are)\s+(?:the|a)\b|what(?:'s|\s+is)\s+the\s+(?:best\s+)?way|is\s+there\s+a\s+way|can\s+i\s+(?:find|see|check|change|set|turn|make|stop|get\s+rid)|what\s+(?:should|can|do)\s+i\s+(?:try|check|do))\b" +
        @"|\b(?:any\s+(?:tips|ideas|suggestions)|is\s+there\s+a\s+(?:fix|workaround)|how\s+(?:do|can)\s+i\s+fix|(?:which|what)\s+settings|what\s+(?:should|can)\s+i\s+(?:try|check))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HowTo();

    [GeneratedRegex(@"\b(?:outages?|down\s+for\s+(?:every|all|any)|for\s+everyone|every\s*one\s+else|anyone\s+else|any\s*body\s+else|other\s+people|just\s+me|only\s+me|known\s+(?:issues?|problems?)|status|maintenance|planned\s+work|downtime)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutageWords();

    [GeneratedRegex(@"^\W*(?:is|are|has|have|any|anyone|anybody|what'?s|whats|what\s+is|when|why\s+is|did|does)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuestionStart();

    [GeneratedRegex(@"\b(?:where(?:\s+is|\s+are|'?s)\s+my|what(?:'s|s|\s+is)\s+(?:happening|going\s+on)\s+with|when\s+(?:will|is|does|can)\b.*\b(?:done|ready|approved|sorted|arrive|arriving|delivered|fixed|completed|processed|finished)|any\s+(?:news|update|progress)|(?:an\s+)?update\s+on|status\s+(?:of|on)|progress\s+(?:of|on)|has\s+my\b.*\bbeen|how\s+long\s+(?:will|until|till)|chas(?:e|ing)|follow(?:ing)?\s+up\s+on)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusQuestion();

    [GeneratedRegex(@"\b(?:requests?|tickets?|incidents?|orders?|cases?|(?:REQ|INC)\d+)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RequestWords();

    [GeneratedRegex(@"\b(?:notif\w*|notices?|alerts?|alerted|updates?|subscri\w*|unsubscri\w*|opt\s+(?:in|out)|sign\s+me\s+up|keep\s+me\s+(?:posted|informed|updated|in\s+the\s+loop)|let\s+me\s+know|tell\s+me\s+when|ping\s+(?:me|me\s+when)|pinging\s+me|message\s+me|email\s+me|text\s+me|warn\s+me|heads\s+up)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Notices();
}

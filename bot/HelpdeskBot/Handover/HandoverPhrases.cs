using System.Text.RegularExpressions;
using HelpdeskBot.Knowledge.Search;

namespace HelpdeskBot.Handover;

/// <summary>
/// Whether a message asks for a person ("talk to a human", "can I speak to someone", "agent please", "this didn't
/// help", "escalate") rather than asking an IT question ("how do I add a person to a team", "agent software won't
/// install"). Read on the message's words as search reads them ("didn't" is "didn t").
/// </summary>
public static partial class HandoverPhrases
{
    // Someone to reach: a person, or the desk itself.
    private const string Someone =
        @"(?:(?:a|an|the|some|your|my|one|real|actual|live|proper|of|to)\s+)*" +
        @"(?:human|humans|person|someone|somebody|agent|operator|technician|tech|engineer|analyst|support|helpdesk|" +
        @"help\s+desk|service\s+desk|it\s+support|support\s+team|it\s+team|it\s+staff|member\s+of\s+staff)\b" +
        // "can't chat with someone outside the company", "talk to someone on teams": a problem, not a request for a person
        @"(?!\s+(?:on|outside|external|over|via|using|in\s+(?:teams|outlook|zoom|skype|another|other|a\s+meeting)|from\s+(?:another|other|outside)))";

    // "I can't talk to someone on Teams": a feature that does not work.
    private const string NotUnable = @"(?<!\b(?:can\s+t|cannot|can\s+not|unable\s+to|not\s+able\s+to|won\s+t\s+let\s+me|doesn\s+t\s+let\s+me)\s+)";

    [GeneratedRegex(NotUnable + @"\b(?:talk|speak|chat|speaking|talking|chatting)\s+(?:to|with)\s+" + Someone)]
    private static partial Regex TalkTo();

    [GeneratedRegex(@"\b(?:connect|transfer|pass|put)\s+me\s+(?:to|with|through\s+to|on\s+to)\s+" + Someone + @"|\bput\s+me\s+through\s*$")]
    private static partial Regex ConnectMe();

    [GeneratedRegex(@"\b(?:get|give|find|want|need|send)\s+(?:me\s+)?" +
        @"(?:(?:a|an|the|some|real|actual|live|proper)\s+)+(?:human|person|agent|operator|technician)\b(?!\s+(?:to|on|in|from|for|software|account|group|team|app|application|tool|install))")]
    private static partial Regex GetMe();

    [GeneratedRegex(@"^(?:it\s+|this\s+|that\s+|your\s+answer\s+|the\s+answer\s+|the\s+article\s+|you\s+)(?:didn\s+t|did\s+not|doesn\s+t|does\s+not|isn\s+t|is\s+not|wasn\s+t|was\s+not|aren\s+t|are\s+not|re\s+not)\s+(?:help|helping|helpful|helped)\b")]
    private static partial Regex DidNotHelp();

    [GeneratedRegex(@"^(?:not|no|un)\s*helpful\b|^useless\b|^that\s+s\s+not\s+(?:it|helpful)\b")]
    private static partial Regex NotHelpful();

    // Messages made only of these words, with at least one person word: "agent please", "human!", "a real person".
    private static readonly HashSet<string> PersonWords =
        ["human", "humans", "person", "agent", "operator", "someone", "somebody", "technician", "escalate", "escalation"];

    private static readonly HashSet<string> ShortFiller =
        ["a", "an", "the", "real", "actual", "live", "proper", "please", "pls", "plz", "now", "i", "want", "need", "get", "me",
         "can", "could", "you", "u", "to", "with", "talk", "speak", "just", "give", "let", "some", "one", "from", "support",
         "it", "this", "my", "issue", "problem", "ticket", "case", "someone", "somebody", "would", "like", "d", "is", "there",
         "anyone", "any", "else", "ok", "okay", "hi", "hello", "hey", "urgent", "urgently", "asap", "help", "desk", "service"];

    public const int MaxShortWords = 8;

    /// <summary>True when the message asks to reach a person.</summary>
    public static bool AsksForPerson(string text)
    {
        var words = TextTokens.Words(text);
        if (words.Count == 0)
        {
            return false;
        }

        var joined = string.Join(' ', words);
        if (TalkTo().IsMatch(joined) || ConnectMe().IsMatch(joined) || GetMe().IsMatch(joined) || DidNotHelp().IsMatch(joined) ||
            (words.Count <= 4 && NotHelpful().IsMatch(joined)))
        {
            return true;
        }

        return words.Count <= MaxShortWords && words.Any(PersonWords.Contains) && words.All(w => PersonWords.Contains(w) || ShortFiller.Contains(w));
    }
}

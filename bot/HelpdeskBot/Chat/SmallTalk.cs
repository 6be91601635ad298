using System.Globalization;
using System.Text;
using HelpdeskBot.Knowledge.Search;

namespace HelpdeskBot.Chat;

/// <summary>
/// Thanks, acknowledgements and goodbyes ("thanks that's all i needed", "ok 👍", "bye"): a short reply of their own,
/// so they are neither searched for nor recorded as questions the knowledge base could not answer. A message is
/// small talk only when every word of it is; "thanks but it still doesn't work" is a question. A message without a
/// letter in it ("7", "???") asks nothing either: it gets a hint, not a search.
/// </summary>
public static class SmallTalk
{
    public const string Welcome = "You're welcome! Ask me anything else, or type **help** to see what I can do.";
    public const string Goodbye = "Bye! I'm here whenever you need IT help.";
    public const string Acknowledged = "👍 Ask me anything else, or type **help** to see what I can do.";
    public const string NoWords =
        "I didn't catch that. Ask in words (\"my vpn won't connect\"), type **help** to see what I can do, or **status REQ0001001** for a ticket.";

    /// <summary>To "who are you?", "how are you?", "tell me a joke": who the bot is and what to ask it.</summary>
    public static string AboutMe(string? name) =>
        $"Hi{(name is { Length: > 0 } ? " " + name : "")}! I'm the IT help desk bot, here to help with your computer, accounts, apps and access. " +
        "Ask me an IT question in your own words, ask for what you need, or type **help** to see everything I can do.";

    private static readonly HashSet<string> Thanks = ["thanks", "thank", "thx", "ty", "tyvm", "cheers", "ta", "thankyou", "thanx"];
    private static readonly HashSet<string> Goodbyes = ["bye", "goodbye", "byebye", "cya", "later", "ttyl"];
    private static readonly HashSet<string> Acknowledgements =
        ["ok", "okay", "k", "kk", "okey", "great", "cool", "perfect", "awesome", "nice", "brilliant", "lovely", "excellent",
         "sorted", "fine", "alright", "understood", "noted", "yes", "yep", "yeah", "sure", "👍", "🙏", "👌", "🙂", "😊", "wonderful"];

    // Words that only ever accompany the above in small talk.
    private static readonly HashSet<string> Filler =
        ["you", "u", "so", "very", "much", "a", "lot", "lots", "many", "again", "for", "the", "help", "helping", "your",
         "that", "thats", "it", "its", "s", "re", "ll", "all", "i", "needed", "need", "was", "is", "works", "worked",
         "working", "now", "fixed", "got", "see", "ya", "soon", "have", "good", "day", "one", "and", "oh", "ah",
         "well", "done", "bot", "mate", "guys", "team", "just", "what", "wanted", "really", "super", "this", "did", "trick"];

    /// <summary>The reply to a message that is only small talk, or null when it asks something.</summary>
    public static string? ReplyTo(string text)
    {
        var words = Words(text);
        if (!string.IsNullOrWhiteSpace(text) && !text.Any(char.IsLetter) && !words.Any(Acknowledgements.Contains))
        {
            return NoWords;
        }

        if (words.Count == 0 || words.Count > 12 || !words.All(w => Thanks.Contains(w) || Goodbyes.Contains(w) || Acknowledgements.Contains(w) || Filler.Contains(w)))
        {
            return null;
        }

        return words.Any(Thanks.Contains) ? Welcome
            : words.Any(Goodbyes.Contains) ? Goodbye
            : words.Any(Acknowledgements.Contains) ? Acknowledged
            : null;
    }

    // Words as search reads them ("that's" is "that" and "s"), and the emoji.
    private static List<string> Words(string text) =>
    [
        .. TextTokens.Words(text, int.MaxValue),
        .. text.EnumerateRunes().Where(r => Rune.GetUnicodeCategory(r) == UnicodeCategory.OtherSymbol).Select(r => r.ToString()),
    ];
}

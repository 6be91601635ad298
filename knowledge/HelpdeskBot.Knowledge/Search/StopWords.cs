namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// Words that say nothing about which article answers a question: English function words, the fragments the
/// tokenizer leaves of contractions (won't → won, t), and what people type around a question in chat.
/// </summary>
public static class StopWords
{
    private static readonly HashSet<string> Words =
    [
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
        "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me",
        "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other",
        "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
        "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
        "with", "would", "you", "your", "yours", "yourself", "s", "t", "m", "d", "ll", "re", "ve", "don", "didn",
        "doesn", "isn", "won", "wasn", "aren", "couldn", "shouldn", "wouldn", "haven", "hasn", "dont", "cant", "wont",
        "doesnt", "isnt", "didnt", "im", "ive", "id", "u", "ur", "please", "pls", "plz", "thanks", "thank", "thx",
        "hi", "hello", "hey", "help", "need", "want", "get", "got", "getting", "also", "still", "keep", "keeps",
        "anyone", "someone", "something", "anything", "really", "today", "trying", "tried", "try", "way", "know",
        "like", "ok", "okay", "guys", "able", "since", "again", "yet", "even", "every", "lot", "bit", "thing",
        "things", "stuff", "one", "us", "let", "going", "go", "make", "sure", "seems", "seem", "think", "just",
        // Inflections of the chat words above, and contractions typed without the apostrophe.
        "needed", "needs", "needing", "wanted", "wants", "wanting", "gets", "helped", "helping", "helps", "tries",
        "knew", "known", "knows", "thats", "whats", "theres", "heres", "lets", "hes", "shes", "theyre", "youre",
        "wasnt", "arent", "couldnt", "shouldnt", "wouldnt", "havent", "hasnt", "anymore", "honestly", "actually",
        "basically", "literally", "apparently", "seriously", "probably", "maybe", "cheers", "hiya", "thankyou", "ty",
        "says", "said", "saying", "asked", "asks", "tho", "though", "quite", "whole", "around", "onto", "else",
        "sort", "sorted", "fine", "mine", "everyone", "everything", "nothing", "somewhere", "anyway", "tbh", "idk",
        // When it happened says nothing of what happened.
        "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "overnight", "week", "weeks",
        "weekend", "day", "days", "hour", "hours", "minute", "minutes", "mins", "ago", "next", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "month", "months", "year", "years",
    ];

    public static bool Contains(string word) => Words.Contains(word);
}

namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// Turns a question into concepts: words of the text, without stop words, with synonyms and abbreviations expanded
/// (longest phrase first) and words the index does not know corrected to close ones it does.
/// </summary>
public sealed partial class QueryAnalyzer(Synonyms synonyms)
{
    public const int MaxQuestionChars = 1000;

    public IReadOnlyList<QueryConcept> Analyze(string question, Vocabulary vocabulary)
    {
        var text = question.Length > MaxQuestionChars ? question[..MaxQuestionChars] : question;
        var words = TextTokens.Words(text);
        var concepts = new List<QueryConcept>();
        for (var i = 0; i < words.Count;)
        {
            var (length, alternatives) = synonyms.Match(words, i);
            if (length > 0)
            {
                var phrase = words.Skip(i).Take(length).ToArray();
                concepts.Add(new QueryConcept(string.Join(' ', phrase), [phrase, .. alternatives], Corrected: false));
                i += length;
                continue;
            }

            var word = Unstretched(words[i++], vocabulary);
            if (StopWords.Contains(word) || concepts.Any(c => c.Text == word))
            {
                continue;
            }

            if (Concept(word, vocabulary) is { } concept)
            {
                concepts.Add(concept);
            }
        }

        return concepts;
    }

    /// <summary>A word typed with a held key ("sooo", "pleeease") as the word the index or the stop words know.</summary>
    private static string Unstretched(string word, Vocabulary vocabulary)
    {
        if (vocabulary.Contains(word) || !Stretched().IsMatch(word))
        {
            return word;
        }

        var two = Stretched().Replace(word, "$1$1");
        return vocabulary.Contains(two) || StopWords.Contains(two) ? two : Stretched().Replace(word, "$1");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(\p{L})\1{2,}")]
    private static partial System.Text.RegularExpressions.Regex Stretched();

    private QueryConcept? Concept(string word, Vocabulary vocabulary)
    {
        if (vocabulary.Contains(word) || word.Any(char.IsDigit))
        {
            return new QueryConcept(word, [[word]], Corrected: false);
        }

        var corrections = vocabulary.Corrections(word);
        if (corrections.Count == 0)
        {
            return new QueryConcept(word, [[word]], Corrected: false);
        }

        // A misspelled stop word ("thats", "whta", "becuase") is still a stop word: it says nothing of the topic.
        if (corrections.Any(StopWords.Contains))
        {
            return null;
        }

        // A correction may itself have synonyms (pasword → password → pw, passcode).
        var alternatives = new List<string[]> { new[] { word } };
        foreach (var correction in corrections)
        {
            alternatives.Add([correction]);
            alternatives.AddRange(synonyms.Match([correction], 0).Alternatives);
        }

        return new QueryConcept(word, alternatives, Corrected: true);
    }
}

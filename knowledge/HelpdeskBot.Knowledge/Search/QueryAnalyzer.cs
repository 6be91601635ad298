namespace HelpdeskBot.Knowledge.Search;

/// <summary>
/// Turns a question into concepts: words of the text, without stop words, with synonyms and abbreviations expanded
/// (longest phrase first) and words the index does not know corrected to close ones it does.
/// </summary>
public sealed class QueryAnalyzer(Synonyms synonyms)
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

            var word = words[i++];
            if (StopWords.Contains(word) || concepts.Any(c => c.Text == word))
            {
                continue;
            }

            concepts.Add(Concept(word, vocabulary));
        }

        return concepts;
    }

    private QueryConcept Concept(string word, Vocabulary vocabulary)
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

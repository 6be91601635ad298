using HelpdeskBot.Knowledge.Search;

namespace HelpdeskBot.Tests.Knowledge;

public class QueryAnalyzerTests
{
    private static readonly Vocabulary Index = new(1, 100,
        [("phone", 10), ("admin", 8), ("work", 20), ("task", 5), ("password", 12), ("printer", 6), ("that", 40), ("slow", 7)]);

    private static readonly QueryAnalyzer Analyzer = new(new Synonyms([]));

    private static IReadOnlyList<QueryConcept> Analyze(string question) => Analyzer.Analyze(question, Index);

    [Theory]
    [InlineData("phne", "phone")] // a dropped letter
    [InlineData("admn", "admin")]
    [InlineData("wrok", "work")] // two letters swapped
    public void AFourLetterTypoIsCorrectedWhenItIsADroppedOrSwappedLetter(string typed, string meant)
    {
        var concept = Assert.Single(Analyze(typed));

        Assert.True(concept.Corrected);
        Assert.Contains(concept.Alternatives, a => a.SequenceEqual([meant]));
    }

    [Fact]
    public void AFourLetterWordWithOneLetterChangedIsNotCorrected()
    {
        var concept = Assert.Single(Analyze("talk"));

        Assert.False(concept.Corrected); // "talk" is a word the index lacks, not a typo of "task"
    }

    [Theory]
    [InlineData("thats")] // a stop word typed without its apostrophe
    [InlineData("thta")] // a misspelled stop word
    [InlineData("tomorrow morning")] // when, not what
    public void WordsThatSayNothingOfTheTopicAreNotConcepts(string question)
    {
        Assert.Empty(Analyze(question));
    }

    [Fact]
    public void AWordTypedWithAHeldKeyIsReadAsTheWord()
    {
        Assert.Equal(["slow", "printer"], Analyze("sooo slooow printerrrr").Select(c => c.Text));
    }
}

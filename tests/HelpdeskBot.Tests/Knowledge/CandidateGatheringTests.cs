using HelpdeskBot.Knowledge.Search;
using Lucene.Net.Search;

namespace HelpdeskBot.Tests.Knowledge;

/// <summary>
/// Which sections Lucene is asked to score: all of a small base's matches, and in a large base only about a budget's
/// worth, chosen by the rarest concepts and pairs of common ones (Lucene scores every section a query matches). The
/// queries are shown in short: each alternative's stems quoted (whatever the field), ORed, ANDed, grouped.
/// </summary>
public sealed class CandidateGatheringTests
{
    private static string Shape(Query query) => query switch
    {
        BooleanQuery all when all.Clauses.All(c => c.Occur == Occur.MUST) => string.Join(" AND ", all.Clauses.Select(c => $"({Shape(c.Query)})")),
        BooleanQuery any when any.Clauses.All(c => c.Query is TermQuery or PhraseQuery) =>
            string.Join(" OR ", any.Clauses.Select(c => Stems(c.Query)).Distinct().Select(stems => $"\"{stems}\"")),
        BooleanQuery parts => string.Join(" OR ", parts.Clauses.Select(c => $"({Shape(c.Query)})")),
        _ => throw new ArgumentException($"unexpected {query.GetType().Name}"),
    };

    private static string Stems(Query query) => query switch
    {
        TermQuery term => term.Term.Text,
        PhraseQuery phrase => string.Join(' ', phrase.GetTerms().Select(t => t.Text)),
        _ => throw new ArgumentException($"unexpected {query.GetType().Name}"),
    };

    private static List<string> Gathered(IReadOnlyList<QueryConcept> concepts, Vocabulary vocabulary) =>
        [.. CandidateGathering.Queries(concepts, vocabulary).Select(Shape)];

    private const int Large = 400_000;

    private static QueryConcept Word(string word, params string[] synonyms) =>
        new(word, [word.Split(' '), .. synonyms.Select(s => s.Split(' '))], Corrected: false);

    private static Vocabulary Base(int sections, params (string Word, int Sections)[] words) => new(1, sections, words);

    [Fact]
    public void InABaseSmallerThanTheBudgetEveryAlternativeOfEveryConceptGathers()
    {
        var vocabulary = Base(300, ("vpn", 40), ("connect", 200), ("not", 290), ("working", 250));
        var concepts = new[] { Word("vpn"), Word("broken", "not working") };

        var expressions = Gathered(concepts, vocabulary);

        Assert.Equal(["\"vpn\" OR \"not work\""], expressions);
    }

    [Fact]
    public void InALargeBaseRareConceptsGatherAndACommonOneDoesNotOnItsOwn()
    {
        var vocabulary = Base(Large, ("bitlocker", 300), ("recovery", 900), ("laptop", 150_000));
        var concepts = new[] { Word("laptop"), Word("bitlocker"), Word("recovery") };

        var first = Gathered(concepts, vocabulary)[0];

        Assert.Equal("(\"bitlock\" OR \"recoveri\")", first);
    }

    [Fact]
    public void InALargeBaseCommonConceptsGatherOnlyInPairsThatAreExpectedToBeSmall()
    {
        var vocabulary = Base(Large, ("badge", 15_000), ("return", 13_000), ("laptop", 150_000), ("new", 60_000));
        var concepts = new[] { Word("laptop"), Word("badge"), Word("return"), Word("new") };

        var first = Gathered(concepts, vocabulary)[0];

        // 13,000 x 15,000 / 400,000 = about 490 sections expected; every pair with "laptop" or "new" is far larger.
        Assert.Equal("((\"return\") AND (\"badg\"))", first);
    }

    [Fact]
    public void WhenEveryConceptAndPairIsCommonTheRarestAreAndedThenTheRarestGathersAlone()
    {
        var vocabulary = Base(Large, ("laptop", 150_000), ("new", 60_000), ("show", 36_000), ("phone", 130_000));
        var concepts = new[] { Word("new"), Word("laptop"), Word("show"), Word("phone") };

        var expressions = Gathered(concepts, vocabulary);

        Assert.Equal(
            ["(\"show\") AND (\"new\") AND (\"phone\")", "(\"show\") AND (\"new\")", "\"show\""],
            expressions);
    }

    [Fact]
    public void APhraseWithACommonWordGathersByItsRarestWord()
    {
        var vocabulary = Base(Large, ("hand", 6_000), ("in", 360_000), ("badge", 15_000));
        var concepts = new[] { Word("hand in"), Word("badge") };

        var first = Gathered(concepts, vocabulary)[0];

        // The phrase would cost Lucene the positions of "in" in every section it scores.
        Assert.Equal("((\"hand\") AND (\"badg\"))", first);
    }

    [Fact]
    public void CommonSynonymsDoNotGatherButRareOnesDo()
    {
        var vocabulary = Base(Large, ("leaver", 800), ("last", 16_000), ("day", 40_000), ("laptop", 150_000));
        var concepts = new[] { Word("leaving", "leaver", "last day"), Word("laptop") };

        var first = Gathered(concepts, vocabulary)[0];

        Assert.Equal("(\"leaver\")", first);
    }

    [Fact]
    public void AQuestionOfWordsTheBaseNeverUsesGathersNothing()
    {
        var vocabulary = Base(Large, ("vpn", 300));

        Assert.Empty(Gathered([Word("gaming"), Word("router")], vocabulary));
    }
}

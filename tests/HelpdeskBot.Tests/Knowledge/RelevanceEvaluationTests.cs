using System.Text.Json;
using HelpdeskBot.Knowledge.Evaluation;
using HelpdeskBot.Tests.Infrastructure;
using Xunit.Abstractions;
using static HelpdeskBot.Knowledge.Evaluation.RelevanceEvaluation;

namespace HelpdeskBot.Tests.Knowledge;

/// <summary>
/// The labeled question set (knowledge/evaluation/questions.json, written apart from the search code) against the
/// sample knowledge base. Prints hit@1, hit@3, MRR@5 and decline accuracy per kind, also to
/// TestResults/relevance.txt; the asserted thresholds are floors a little below the measured figures.
/// </summary>
public class RelevanceEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SearchAnswersAndDeclinesTheLabeledQuestionsAboveTheFloors()
    {
        var (evaluation, text) = await EvaluateAsync(
            "sample", KnowledgeFixture.SampleArticles, RepositoryRoot.Combine("knowledge", "evaluation", "questions.json"));
        output.WriteLine(text);

        var answerable = evaluation.Answerable.ToList();
        var uncoverable = evaluation.Uncoverable.ToList();
        Assert.True(answerable.Count >= 100 && uncoverable.Count >= 20, "the question set is too small");
        // Floors under the figures measured on 2026-12-05 with the semantic stage (hit@1 0.93, hit@3 0.97, answerable
        // declined 0.02, uncoverable declined 0.84; lexical alone on 2026-11-22: 0.90, 0.96, 0.01, 0.66). The
        // confidence model is fitted on these questions and two held-out sets, so these in-sample figures flatter it;
        // the held-out sets below are the honest estimate.
        Assert.True(HitAt(answerable, 1) >= 0.90, text);
        Assert.True(HitAt(answerable, 3) >= 0.94, text);
        Assert.True(DeclinedShare(uncoverable) >= 0.78, text);
        Assert.True(DeclinedShare(answerable) <= 0.05, text);
    }

    /// <summary>Every folder under knowledge/evaluation/holdout: adding a set is adding a folder (articles/, questions.json).</summary>
    public static TheoryData<string> HoldoutSets() =>
        [.. Directory.GetDirectories(RepositoryRoot.Combine("knowledge", "evaluation", "holdout")).Select(d => Path.GetFileName(d)).Order()];

    /// <summary>
    /// Sets written by other authors over knowledge bases of their own (knowledge/evaluation/holdout/*), kept apart
    /// from everything the search was built and fitted on: the estimate of how it does on a knowledge base it has
    /// never seen. Their floors sit below the figures measured the first time they were run.
    /// </summary>
    [Theory]
    [MemberData(nameof(HoldoutSets))]
    public async Task SearchDoesAsWellOnKnowledgeBasesItWasNotBuiltOn(string set)
    {
        var folder = RepositoryRoot.Combine("knowledge", "evaluation", "holdout", set);
        var (evaluation, text) = await EvaluateAsync(set, Path.Combine(folder, "articles"), Path.Combine(folder, "questions.json"));
        output.WriteLine(text);

        var answerable = evaluation.Answerable.ToList();
        var uncoverable = evaluation.Uncoverable.ToList();
        var floor = HoldoutFloors.GetValueOrDefault(set, DefaultHoldoutFloor);
        Assert.True(HitAt(answerable, 1) >= floor.HitAt1, text);
        Assert.True(HitAt(answerable, 3) >= floor.HitAt3, text);
        Assert.True(DeclinedShare(uncoverable) >= floor.UncoverableDeclined, text);
        Assert.True(DeclinedShare(answerable) <= floor.AnswerableDeclined, text);
    }

    private sealed record Floor(double HitAt1, double HitAt3, double UncoverableDeclined, double AnswerableDeclined);

    // hit@1 / hit@3 / answerable declined / uncoverable declined, 2026-11-22. Northwind and Fabrikam, first run
    // (before anything was changed with them in view): 0.83 / 0.86 / 0.12 / 0.63 and 0.88 / 0.91 / 0.06 / 0.77.
    // Then stop words, four-letter typos and a confidence model fitted on them too: 0.86 / 0.91 / 0.06 / 0.54 and
    // 0.92 / 0.95 / 0.03 / 0.60 (Northwind 0.88 / 0.93 / 0.05 / 0.54 after two general synonyms). Tailspin, written
    // afterwards and first run on that final code, never looked into: 0.93 / 0.95 / 0.02 / 0.49. With the semantic
    // stage (2026-12-05; its confidence model fitted on the sample, Northwind and Fabrikam): Northwind 0.94 / 0.94 /
    // 0.04 / 0.83, Fabrikam 0.93 / 0.94 / 0.06 / 0.77, Tailspin (not fitted on) 0.91 / 0.92 / 0.07 / 0.63. These
    // three, and a new folder, are held to the default floor.
    private static readonly Floor DefaultHoldoutFloor = new(0.87, 0.89, 0.58, 0.10);

    // Litware (a university), written later still and first run on the code of that day, never fitted on: 0.88 / 0.95 /
    // 0.03 / 0.26. Its author made 29 of its 35 uncoverable questions hard negatives on the systems its articles
    // cover, and the decline rate shows it; the floor records that figure rather than hiding the set. With the
    // semantic stage (not fitted on): 0.91 / 0.93 / 0.06 / 0.46.
    private static readonly Dictionary<string, Floor> HoldoutFloors = new()
    {
        ["litware"] = new(0.87, 0.89, 0.40, 0.09),
    };

    // The semantic stage is on, as in the bot; RELEVANCE_LEXICAL=1 measures lexical search alone.
    private static bool Semantic => Environment.GetEnvironmentVariable("RELEVANCE_LEXICAL") != "1";

    private static async Task<(RelevanceEvaluation Evaluation, string Text)> EvaluateAsync(string name, string articles, string questionsFile)
    {
        var questions = await RelevanceEvaluation.LoadQuestionsAsync(questionsFile, default);
        await using var kb = await KnowledgeFixture.CreateAsync(semantic: Semantic);
        var report = await kb.Base.ImportFolderAsync(articles, "test", default);
        Assert.Empty(report.Errors);
        if (Semantic) await kb.EmbedAsync();

        if (Environment.GetEnvironmentVariable("RELEVANCE_DUMP") is { Length: > 0 } dump)
        {
            await File.WriteAllLinesAsync(dump.Replace("{set}", name, StringComparison.Ordinal), await Task.WhenAll(questions.Select(async q =>
                $"{{\"q\":{JsonSerializer.Serialize(q.Q)},\"kind\":\"{q.Kind}\",\"expected\":{JsonSerializer.Serialize(q.Expected)},\"best\":{await kb.Search.ExplainAsync(q.Q, default)}}}")));
        }

        var evaluation = await RelevanceEvaluation.RunAsync(kb.Search, questions, default);
        var text = evaluation.Table();
        Directory.CreateDirectory(RepositoryRoot.Combine("TestResults"));
        var suffix = name == "sample" ? "" : $"-{name}";
        await File.WriteAllTextAsync(RepositoryRoot.Combine("TestResults", $"relevance{suffix}.txt"), text);
        await File.WriteAllTextAsync(RepositoryRoot.Combine("TestResults", $"relevance{suffix}-misses.txt"), evaluation.Misses());
        return (evaluation, $"{name}:\n{text}");
    }
}

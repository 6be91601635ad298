using HelpdeskBot.Knowledge.Articles;
using HelpdeskBot.Knowledge.Authoring;
using HelpdeskBot.Knowledge.Storage;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Tests.Knowledge;

/// <summary>`kb import`, `kb search` and `kb gaps`, run as the built app in its own process, as an author or a CI job would.</summary>
public sealed class KnowledgeCommandTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("kb-command-");
    private readonly DirectoryInfo _articles;

    public KnowledgeCommandTests() => _articles = _work.CreateSubdirectory("articles");

    public void Dispose() => _work.Delete(recursive: true);

    private void Write(string relativePath, string text) =>
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_articles.FullName, relativePath))!).FullName, Path.GetFileName(relativePath)), text);

    private static string Article(string title, string body) => $"---\ntitle: {title}\ntags: [printing]\nservice: printing\n---\n{body}\n";

    private Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => BotProcess.RunAsync(_work.FullName, arguments);

    private KnowledgeDbContext OpenDatabase() => new(new DbContextOptionsBuilder<KnowledgeDbContext>()
        .UseSqlite($"Data Source={Path.Combine(_work.FullName, "helpdesk.db")};Pooling=False").Options);

    [Fact]
    public async Task ImportingAFolderTwicePublishesItThenChangesNothing()
    {
        Write("printer-offline.md", Article("Printer offline", "Turn it off and on."));
        Write("network/plotter-e42.md", Article("Plotter error E42", "Power cycle the plotter."));

        var first = await RunAsync("kb", "import", _articles.FullName);
        var second = await RunAsync("kb", "import", _articles.FullName);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("2 added, 0 updated, 0 unchanged, 0 with errors", first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("0 added, 0 updated, 2 unchanged, 0 with errors", second.Output);
        await using var db = OpenDatabase();
        // Only the folder given: the configured articles folder (the sample knowledge base) is not imported by commands.
        Assert.Equal(["plotter-e42", "printer-offline"], await db.Articles.Select(a => a.Id).OrderBy(id => id).ToListAsync());
        Assert.Equal(2, await db.ArticleVersions.CountAsync());
    }

    [Fact]
    public async Task AChangedArticleBecomesANewPublishedVersion()
    {
        Write("printer-offline.md", Article("Printer offline", "Turn it off and on."));
        await RunAsync("kb", "import", _articles.FullName);
        Write("printer-offline.md", Article("Printer offline", "Turn it off and on, then check the cable."));

        var (exitCode, output) = await RunAsync("kb", "import", _articles.FullName);

        Assert.True(exitCode == 0, output);
        Assert.Contains("0 added, 1 updated, 0 unchanged", output);
        await using var db = OpenDatabase();
        Assert.Equal(2, (await db.Articles.SingleAsync()).PublishedVersion);
    }

    [Fact]
    public async Task BadFilesGiveExitCode2EachNamedWithItsLineAndTheRestIsImported()
    {
        Write("printer-offline.md", Article("Printer offline", "Turn it off and on."));
        Write("untitled.md", "---\ntags: [printing]\nservice: printing\n---\nbody\n");
        Write("sub/printer-offline.md", Article("Printer offline again", "Same name, other folder."));
        Write("huge.md", Article("Huge", new string('x', ArticleParser.MaxArticleChars * 3 + 1)));

        var (exitCode, output) = await RunAsync("kb", "import", _articles.FullName);

        Assert.True(exitCode == 2, output);
        Assert.Contains("1 added, 0 updated, 0 unchanged, 3 with errors", output);
        Assert.Contains("error: untitled.md:2: 'title' is required.", output);
        Assert.Contains("duplicate article id 'printer-offline'", output);
        Assert.Contains($"error: huge.md:1: the file is", output);
        Assert.Contains($"the limit is {ArticleParser.MaxArticleChars:N0} characters", output);
    }

    [Fact]
    public async Task AFolderThatDoesNotExistGivesExitCode1()
    {
        var (exitCode, output) = await RunAsync("kb", "import", Path.Combine(_work.FullName, "no-such-folder"));

        Assert.True(exitCode == 1, output);
        Assert.Contains("No folder", output);
    }

    [Fact]
    public async Task KbGapsPrintsTheMostFrequentUnansweredQuestionsGrouped()
    {
        var empty = await RunAsync("kb", "gaps"); // also creates and migrates the database
        Assert.True(empty.ExitCode == 0, empty.Output);
        Assert.Contains("No knowledge gaps recorded", empty.Output);
        await using (var db = OpenDatabase())
        {
            var gaps = new KnowledgeGaps(db, TimeProvider.System);
            await gaps.RecordDeclinedAsync("When is payday?", default);
            await gaps.RecordDeclinedAsync("when is PAYDAY", default);
            await gaps.RecordNotHelpfulAsync("printer \u001b[31mjams", "printer-offline", default);
        }

        var (exitCode, output) = await RunAsync("kb", "gaps", "--top", "5");

        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("Count", lines[0]);
        Assert.Matches(@"^2\s+2\s+0\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+when is PAYDAY$", lines[1]);
        Assert.Contains("[printer-offline]", lines[2]);
        Assert.DoesNotContain("\u001b", output); // what people typed cannot drive the terminal
        Assert.NotEqual(0, (await RunAsync("kb", "gaps", "--top", "0")).ExitCode);
    }

    [Fact]
    public async Task KbSearchShowsTheAnswerTheBotWouldGiveOrThatItWouldDecline()
    {
        Write("printer-offline.md", Article("Printer shows offline", "## Fix it\n\n1. Turn the printer off and on.\n2. Check the network cable."));
        Write("plotter-e42.md", Article("Plotter error E42", "Power cycle the plotter."));
        await RunAsync("kb", "import", _articles.FullName);

        var (exitCode, output) = await RunAsync("kb", "search", "my printer says offline");
        var declined = await RunAsync("kb", "search", "when is payday");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Answers with printer-offline \"Printer shows offline\", section \"Fix it\":", output);
        Assert.Contains("    1. Turn the printer off and on.", output);
        Assert.Matches(@"\n\s+\d\.\d\d  printer-offline  Printer shows offline", output);
        Assert.True(declined.ExitCode == 0, declined.Output);
        Assert.Contains("Declined: no article reaches the confidence threshold", declined.Output);
        await using var db = OpenDatabase();
        Assert.Empty(await db.Gaps.ToListAsync()); // an author trying a question is not a gap
        Assert.NotEqual(0, (await RunAsync("kb", "search", "printer", "--top", "11")).ExitCode);
    }

    [Fact]
    public async Task KbEvaluateMeasuresLabeledQuestionsOnAFolderWithoutTouchingTheBotsDatabase()
    {
        Write("printer-offline.md", Article("Printer shows offline", "## Fix it\n\n1. Turn the printer off and on.\n2. Check the network cable."));
        Write("plotter-e42.md", Article("Plotter error E42", "Power cycle the plotter when it shows E42."));
        var questions = Path.Combine(_work.FullName, "questions.json");
        File.WriteAllText(questions, """
            [
              {"q": "my printer says offline", "kind": "paraphrased", "expected": ["printer-offline"]},
              {"q": "plotter e42", "kind": "keyword", "expected": ["plotter-e42"]},
              {"q": "when is payday", "kind": "uncoverable", "expected": []},
              {"q": "scanner jammed", "kind": "keyword", "expected": ["scanner-jam"]}
            ]
            """);

        var (exitCode, output) = await RunAsync("kb", "evaluate", _articles.FullName, questions, "--misses");

        Assert.True(exitCode == 0, output);
        Assert.Contains("2 articles", output);
        Assert.Contains("4 questions (3 answerable, 1 uncoverable)", output);
        Assert.Matches(@"\nuncoverable\s+1\s+0\.00\s+0\.00\s+0\.00\s+1\.00", output);
        Assert.Contains("Answerable: hit@1 0.67, hit@3 0.67,", output);
        Assert.Contains("Uncoverable: declined 1.00.", output);
        Assert.Contains("question 4 expects 'scanner-jam', which is not among the articles", output);
        Assert.Contains("[keyword] scanner jammed", output); // the misses
        Assert.False(File.Exists(Path.Combine(_work.FullName, "helpdesk.db")), "the bot's database is not created");
    }

    [Fact]
    public async Task KbEvaluateRefusesAQuestionsFileItCannotUseNamingIt()
    {
        Write("printer-offline.md", Article("Printer shows offline", "Turn it off and on."));
        var questions = Path.Combine(_work.FullName, "questions.json");
        File.WriteAllText(questions, """[{"q": "printer offline", "expected": ["printer-offline"]}]""");

        var (exitCode, output) = await RunAsync("kb", "evaluate", _articles.FullName, questions);

        Assert.True(exitCode == 3, output);
        Assert.Contains($"{questions}: question 1 needs a \"q\", a \"kind\"", output);
    }
}

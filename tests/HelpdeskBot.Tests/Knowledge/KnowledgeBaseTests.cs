using HelpdeskBot.Knowledge.Articles;
using HelpdeskBot.Knowledge.Authoring;
using HelpdeskBot.Knowledge.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Tests.Knowledge;

/// <summary>The knowledge library on its own: articles, versions, publishing and search safety.</summary>
public sealed class KnowledgeBaseTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("articles-");
    private KnowledgeFixture _kb = null!;

    public async Task InitializeAsync() => _kb = await KnowledgeFixture.CreateAsync(minConfidence: 0.3);

    public async Task DisposeAsync() => await _kb.DisposeAsync();

    public void Dispose() => _folder.Delete(recursive: true);

    private void Write(string id, string title, string body, string tags = "[vpn]") =>
        File.WriteAllText(Path.Combine(_folder.FullName, id + ".md"), $"---\ntitle: {title}\ntags: {tags}\nservice: vpn\n---\n{body}\n");

    private Task<ImportReport> ImportAsync() => _kb.Base.ImportFolderAsync(_folder.FullName, "tests", default);

    [Fact]
    public async Task ReimportingAnUnchangedArticleChangesNothingAndAChangedOneBecomesANewVersion()
    {
        Write("vpn-help", "VPN will not connect", "## Steps\nRestart GlobalProtect and sign in again.");
        Assert.Equal(1, (await ImportAsync()).Added);

        Assert.Equal(1, (await ImportAsync()).Unchanged);

        Write("vpn-help", "VPN will not connect", "## Steps\nRestart GlobalProtect, then sign in with MFA.");
        Assert.Equal(1, (await ImportAsync()).Updated);
        var article = await _kb.Base.FindAsync("vpn-help", default);
        Assert.Equal([1, 2], article!.Versions.Select(v => v.Number).Order());
        Assert.Equal(2, article.PublishedVersion);
    }

    [Fact]
    public async Task ABadFileIsReportedWithItsFileAndLineAndTheRestIsImported()
    {
        Write("good", "Printer offline", "Turn the printer off and on.", "[printing]");
        File.WriteAllText(Path.Combine(_folder.FullName, "bad.md"), "---\ntitle: Broken\ntags: [a, b\nservice: vpn\n---\nbody\n");
        File.WriteAllText(Path.Combine(_folder.FullName, "untitled.md"), "---\ntags: [a]\nservice: vpn\n---\nbody\n");

        var report = await ImportAsync();

        Assert.Equal(1, report.Added);
        Assert.Contains(report.Errors, e => e.StartsWith("bad.md:", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.StartsWith("untitled.md:", StringComparison.Ordinal) && e.Contains("'title' is required"));
    }

    [Fact]
    public async Task RetiringAnArticleTakesItOutOfSearchAtOnceAndPublishingBringsItBack()
    {
        Write("bitlocker-key", "Find your BitLocker recovery key", "## Where\nOpen the company portal and pick Get recovery key.", "[bitlocker]");
        await ImportAsync();
        Assert.Equal("bitlocker-key", (await _kb.Search.SearchAsync("bitlocker recovery key", 3, default)).Best?.ArticleId);

        await _kb.Base.RetireAsync("bitlocker-key", default);
        Assert.True((await _kb.Search.SearchAsync("bitlocker recovery key", 3, default)).Declined);

        await _kb.Base.PublishAsync("bitlocker-key", default);
        Assert.Equal("bitlocker-key", (await _kb.Search.SearchAsync("bitlocker recovery key", 3, default)).Best?.ArticleId);
    }

    [Fact]
    public async Task APublishReloadsTheSearchVocabularySoTheNextQuestionDoesNotPayForIt()
    {
        Write("bitlocker-key", "Find your BitLocker recovery key", "## Where\nOpen the company portal and pick Get recovery key.", "[bitlocker]");
        await ImportAsync();
        var afterImport = _kb.Index.CurrentVocabulary;
        Assert.True(afterImport.Contains("bitlocker"));

        await _kb.Base.RetireAsync("bitlocker-key", default);
        Assert.False(_kb.Index.CurrentVocabulary.Contains("bitlocker"));
        await _kb.Base.PublishAsync("bitlocker-key", default);

        var loaded = _kb.Index.CurrentVocabulary;
        Assert.True(loaded.Generation > afterImport.Generation);
        Assert.True(loaded.Contains("bitlocker"));
        await _kb.Search.SearchAsync("bitlocker recovery key", 3, default);
        Assert.Same(loaded, _kb.Index.CurrentVocabulary); // the question used it as it was: no reload
    }

    [Theory]
    [InlineData("\"vpn")]
    [InlineData("vpn*")]
    [InlineData("vpn NEAR connect")]
    [InlineData("vpn AND NOT (connect OR")]
    [InlineData("title:vpn")]
    [InlineData("'; DROP TABLE Articles; --")]
    [InlineData("vpn \u0000\u0007 connect")]
    [InlineData("VPN 🔥🔥 لا يتصل connect")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task UserTextIsNeverQuerySyntax(string question)
    {
        Write("vpn-help", "VPN will not connect", "## Steps\nRestart GlobalProtect and connect again.");
        await ImportAsync();

        var result = await _kb.Search.SearchAsync(question, 3, default);

        Assert.NotNull(result);
        Assert.Equal(1, await _kb.Db.Articles.CountAsync());
    }

    [Fact]
    public async Task AVeryLongQuestionIsAnsweredNotRefused()
    {
        Write("vpn-help", "VPN will not connect", "## Steps\nRestart GlobalProtect and connect again.");
        await ImportAsync();

        var result = await _kb.Search.SearchAsync("vpn connect " + string.Concat(Enumerable.Repeat("word ", 2000)), 3, default);

        Assert.Equal("vpn-help", result.Best?.ArticleId);
    }

    [Fact]
    public async Task TheArticlesUnderTheThresholdAreReadOnlyWhenAskedFor()
    {
        Write("vpn-help", "VPN will not connect", "## Steps\nRestart GlobalProtect and connect again.");
        Write("printer", "Printer offline", "## Steps\nTurn the printer off and on; the VPN is not needed to print.");
        await ImportAsync();
        const string question = "printer offline after restart";

        var conversation = await _kb.Search.SearchAsync(question, 3, default);
        var report = await _kb.Search.SearchAsync(question, 3, belowThreshold: 5, default);

        Assert.Equal("printer", conversation.Best?.ArticleId);
        Assert.Empty(conversation.BelowThreshold);
        Assert.Equal(conversation.Hits, report.Hits);
        var below = Assert.Single(report.BelowThreshold);
        Assert.Equal(("vpn-help", "VPN will not connect"), (below.ArticleId, below.Title));
        Assert.StartsWith("Restart GlobalProtect", below.Snippet);
    }

    [Fact]
    public void FrontMatterErrorsNameTheLine()
    {
        var error = Assert.Throws<ArticleFormatException>(() =>
            ArticleParser.Parse("x", "---\ntitle: Fine\ntags: [a]\nservice: vpn\nreview_by: next tuesday\n---\nbody", "x.md"));

        Assert.Equal(5, error.Line);
        Assert.Contains("review_by", error.Message);
    }

    [Fact]
    public void HtmlInAnArticleIsEscapedOnThePage() =>
        Assert.DoesNotContain("<script>", ArticleSection.ToSafeHtml("Hello <script>alert(1)</script>"));

    [Fact]
    public void AnswersShowListsAsNumberedStepsAndBulletsWhileSearchReadsOnlyTheWords()
    {
        var section = Assert.Single(ArticleSection.Split("VPN", """
            ## Steps
            Before you start:

            - Plug in the **charger**.
            - Close <b>other</b> VPNs.

            3. Open GlobalProtect.
            4. Click **Connect**.
               - Approve the prompt.

            Still stuck? <script>alert(1)</script>Call us.
            """));

        Assert.Equal("""
            Before you start:
            • Plug in the charger.
            • Close other VPNs.
            3. Open GlobalProtect.
            4. Click Connect.
            • Approve the prompt.
            Still stuck? Call us.
            """.ReplaceLineEndings("\n"), section.DisplayText);
        Assert.DoesNotContain("•", section.PlainText);
        Assert.DoesNotContain("3.", section.PlainText);
        Assert.Contains("Open GlobalProtect.", section.PlainText);
    }

    [Fact]
    public async Task TheAnswerSnippetShowsTheStepsWithTheirNumbers()
    {
        Write("vpn-help", "VPN will not connect", "## Steps to fix it\n1. Restart GlobalProtect.\n2. Sign in again with MFA.\n");
        await ImportAsync();

        var best = (await _kb.Search.SearchAsync("vpn will not connect", 3, default)).Best!;

        Assert.Equal("1. Restart GlobalProtect.\n2. Sign in again with MFA.", best.Snippet);
        var text = Assert.Single(_kb.Index.ReadSectionTexts([best]));
        Assert.Equal(best.Snippet, text);
    }

    [Theory]
    [InlineData("1. Open a browser and go to any website.\n2. Click the GlobalProtect icon.\n3. Click Connect and sign in.", 80,
        "1. Open a browser and go to any website.\n2. Click the GlobalProtect icon. …")]
    [InlineData("Open a browser and go to any website. Click the GlobalProtect icon. Click Connect and sign in.", 75,
        "Open a browser and go to any website. Click the GlobalProtect icon. …")]
    [InlineData("1. Open a browser and go to any website and check.\n2. Click the GlobalProtect icon in the tray then sign in.", 70,
        "1. Open a browser and go to any website and check. …")]
    [InlineData("Open a browser and go to any public website then click the GlobalProtect icon in the tray", 60,
        "Open a browser and go to any public website then click the …")]
    [InlineData("Short enough.", 400, "Short enough.")]
    public void ASnippetEndsAfterAWholeStepOrSentenceNeverABareListNumber(string text, int max, string expected) =>
        Assert.Equal(expected, Snippets.Make(text, max));

    [Fact]
    public async Task AnotherInstancesIndexCatchesUpWithWhatOneInstancePublishedAndRetiredAtItsNextSearch()
    {
        Write("vpn-help", "VPN will not connect", "## Steps to fix it\n1. Restart GlobalProtect.\n");
        await ImportAsync();
        // A second instance: the same database, an index of its own.
        var folder = _kb.IndexFolder + "-other";
        try
        {
            using (var other = KnowledgeIndex.Open(folder))
            {
                var search = new KnowledgeSearch(_kb.Db, other, new QueryAnalyzer(Synonyms.Empty), Options.Create(new KnowledgeSearchOptions()));
                Assert.Equal("vpn-help", (await search.SearchAsync("vpn will not connect", 3, default)).Best?.ArticleId);

                Write("printer", "Printer offline", "## Steps\n1. Turn the printer off and on.\n", "[printing]");
                await ImportAsync(); // through the first instance's index
                Assert.Equal("printer", (await search.SearchAsync("printer offline", 3, default)).Best?.ArticleId);

                await _kb.Base.RetireAsync("printer", default);
                Assert.True((await search.SearchAsync("printer offline", 3, default)).Declined);
                Assert.Equal(_kb.Index.Generation, other.Generation);
            }

            // Started again, it reads its commit and has nothing to catch up with.
            using var reopened = KnowledgeIndex.Open(folder);
            Assert.Equal(0, await reopened.CatchUpAsync(_kb.Db, default));
            Assert.Equal((1, 1), reopened.Counts());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("corrupt")]
    public async Task AnIndexThatIsMissingOrUnreadableIsBuiltAgainFromTheDatabase(string damage)
    {
        Write("vpn-help", "VPN will not connect", "## Steps to fix it\n1. Restart GlobalProtect.\n2. Sign in again with MFA.\n");
        Write("printer", "Printer offline", "## Steps\n1. Turn the printer off and on.\n", "[printing]");
        await ImportAsync();
        await _kb.Base.RetireAsync("printer", default);
        _kb.Index.Dispose();
        if (damage == "missing")
        {
            Directory.Delete(_kb.IndexFolder, recursive: true);
        }
        else
        {
            foreach (var file in Directory.GetFiles(_kb.IndexFolder, "segments*"))
            {
                File.WriteAllText(file, "not an index");
            }
        }

        using var rebuilt = KnowledgeIndex.Open(_kb.IndexFolder);
        Assert.Equal(1, await rebuilt.CatchUpAsync(_kb.Db, default));

        var search = new KnowledgeSearch(_kb.Db, rebuilt, new QueryAnalyzer(Synonyms.Empty), Options.Create(new KnowledgeSearchOptions()));
        Assert.Equal("1. Restart GlobalProtect.\n2. Sign in again with MFA.", (await search.SearchAsync("vpn will not connect", 3, default)).Best!.Snippet);
        Assert.True((await search.SearchAsync("printer offline", 3, default)).Declined);
    }

    [Fact]
    public async Task TheKnowledgeModelHasNoChangesMissingFromTheHandWrittenMigrations() =>
        Assert.False(_kb.Db.Database.HasPendingModelChanges(), "Add a knowledge migration and update its snapshot.");
}

using HelpdeskBot.Knowledge.Search;

namespace HelpdeskBot.Tests.Knowledge;

/// <summary>The section an answer shows: the fix, not the symptoms the employee just described.</summary>
public sealed class AnswerSectionTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("kb-sections-");
    private KnowledgeFixture _kb = null!;

    public async Task InitializeAsync()
    {
        _kb = await KnowledgeFixture.CreateAsync(minConfidence: 0.3);
        Write("vpn-wont-connect", "VPN won't connect", """
            ## Overview
            GlobalProtect is the VPN client that connects your laptop to the Contoso network from home.
            ## Symptoms
            The VPN won't connect from home: GlobalProtect shows Not Connected.
            ## Steps to fix it
            1. Restart GlobalProtect.
            2. Check that the portal reads vpn.contoso.com, then connect again.
            ## When to contact the help desk
            If the VPN still won't connect from home after these steps, contact us.
            """);
        Write("printer-jam", "Printer jam", """
            ## Symptoms
            The printer shows a paper jam and stops printing.
            ## When to contact the help desk
            Report a printer jam to the facilities vendor.
            """);
        await _kb.Base.ImportFolderAsync(_folder.FullName, "tests", default);
    }

    public async Task DisposeAsync() => await _kb.DisposeAsync();

    public void Dispose() => _folder.Delete(recursive: true);

    private void Write(string id, string title, string body) =>
        File.WriteAllText(Path.Combine(_folder.FullName, id + ".md"), $"---\ntitle: \"{title}\"\ntags: [vpn, printer]\nservice: vpn\n---\n{body}\n");

    private async Task<KnowledgeHit> BestAsync(string question) =>
        (await _kb.Search.SearchAsync(question, 3, default)).Best ?? throw new Xunit.Sdk.XunitException($"'{question}' was declined");

    [Theory]
    [InlineData("vpn wont connect from home")]
    [InlineData("globalprotect not connected")]
    public async Task AProblemIsAnsweredWithTheStepsNotTheSymptomsItRestates(string question)
    {
        var best = await BestAsync(question);

        Assert.Equal(("vpn-wont-connect", "Steps to fix it"), (best.ArticleId, best.SectionHeading));
        Assert.StartsWith("1. Restart GlobalProtect.\n2. ", best.Snippet);
    }

    [Fact]
    public async Task AWhatIsQuestionKeepsTheSectionThatExplains()
    {
        Assert.Equal("Overview", (await BestAsync("what is globalprotect")).SectionHeading);
    }

    [Fact]
    public async Task AnArticleWithNothingButContextKeepsItsBestMatch()
    {
        var best = await BestAsync("printer paper jam");

        Assert.Equal(("printer-jam", "Symptoms"), (best.ArticleId, best.SectionHeading));
    }

    [Theory]
    [InlineData("what is bitlocker", true)]
    [InlineData("What's a shared mailbox?", true)]
    [InlineData("why is my laptop so slow", true)]
    [InlineData("who can approve admin rights", true)]
    [InlineData("what do i do if the vpn fails", false)]
    [InlineData("what to do when my account is locked", false)]
    [InlineData("vpn wont connect", false)]
    [InlineData("whatsapp on my work phone", false)]
    public void ExplanationQuestionsAreToldApart(string question, bool explanation) =>
        Assert.Equal(explanation, AnswerSections.WantsExplanation(question));
}

using HelpdeskBot.Knowledge.Authoring;

namespace HelpdeskBot.Tests.Knowledge;

/// <summary>How unanswered questions are grouped for authors: the same words, and close wordings, count together.</summary>
public sealed class KnowledgeGapsTests : IAsyncLifetime
{
    private KnowledgeFixture _kb = null!;
    private KnowledgeGaps _gaps = null!;

    public async Task InitializeAsync()
    {
        _kb = await KnowledgeFixture.CreateAsync();
        _gaps = new KnowledgeGaps(_kb.Db, TimeProvider.System);
    }

    public async Task DisposeAsync() => await _kb.DisposeAsync();

    private async Task DeclinedAsync(params string[] questions)
    {
        foreach (var question in questions)
        {
            await _gaps.RecordDeclinedAsync(question, default);
        }
    }

    [Fact]
    public async Task AQuestionWithANulCharacterIsKeptWholeWithoutIt()
    {
        await DeclinedAsync("where is the\0 HIDDEN-TAIL printer");

        Assert.Equal("where is the HIDDEN-TAIL printer", Assert.Single(await _gaps.ListAsync(10, default)).Example);
    }

    [Fact]
    public async Task CloseWordingsOfOneQuestionAreOneGroupShownByTheLatestOfItsMostAskedWording()
    {
        await DeclinedAsync(
            "How do I book a meeting room?", "how do i book a meeting room", "book a meeting room for tomorrow",
            "when is payday", "payday this month?",
            "reset my voicemail pin");
        await _gaps.RecordNotHelpfulAsync("Meeting room booking", "outlook-calendar", default); // the same words: "book meet room"

        var groups = await _gaps.ListAsync(10, default);

        Assert.Equal(
            [("Meeting room booking", 4, 3, 1), ("payday this month?", 2, 2, 0), ("reset my voicemail pin", 1, 1, 0)],
            groups.Select(g => (g.Example, g.Count, g.Declined, g.NotHelpful)));
        Assert.Equal(["outlook-calendar"], groups[0].Articles);
    }

    [Theory]
    [InlineData("reset my password", "reset my voicemail pin")]
    [InlineData("printer jammed", "printer offline")]
    [InlineData("vpn", "vpn slow from home on wifi")]
    public async Task DifferentQuestionsThatShareAWordStayApart(string one, string other)
    {
        await DeclinedAsync(one, other);

        Assert.Equal(2, (await _gaps.ListAsync(10, default)).Count);
    }

    [Fact]
    public async Task NumbersAloneAndJunkAreNotGaps()
    {
        await DeclinedAsync("7", "1001", "???", new string('x', 20_000), "how do i book annual leave");

        var groups = await _gaps.ListAsync(10, default);

        Assert.Equal(["how do i book annual leave"], groups.Select(g => g.Example));
    }

    [Fact]
    public async Task AVeryLongQuestionIsCutInTheList()
    {
        var pasted = "outlook error " + string.Join(' ', Enumerable.Repeat("0x800ccc0e while sending", 100));
        await DeclinedAsync(pasted);

        var example = Assert.Single(await _gaps.ListAsync(10, default)).Example;

        Assert.Equal(KnowledgeGaps.MaxExampleChars, example.Length);
        Assert.EndsWith("…", example);
        Assert.StartsWith("outlook error 0x800ccc0e", example);
    }
}

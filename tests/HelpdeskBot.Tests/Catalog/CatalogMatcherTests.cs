using HelpdeskBot.Catalog;
using Xunit.Abstractions;

namespace HelpdeskBot.Tests.Catalog;

public class CatalogMatcherTests(ITestOutputHelper output)
{
    private const string Unsure = "(unsure)";

    // Written before the weights were tuned: what people type, and the item they mean (or Unsure: offer three).
    private static readonly (string Text, string Expected)[] Phrasings =
    [
        ("I need access to the finance share", "access-request"),
        ("new laptop please", "hardware-request"),
        ("my outlook keeps crashing", "report-incident"),
        ("request", Unsure),
        ("i need something", Unsure),
        ("I forgot my password", "password-reset"),
        ("my account is locked", "password-reset"),
        ("locked out of windows", "password-reset"),
        ("can you reset my password", "password-reset"),
        ("please give me permission to the HR share", "access-request"),
        ("I need write access to Jira", "access-request"),
        ("access to the sales shared mailbox", "access-request"),
        ("can I get Visio installed", "software-install"),
        ("install adobe acrobat", "software-install"),
        ("I need Tableau on my computer", "software-install"),
        ("need a second monitor", "hardware-request"),
        ("my headset broke, need a new one", "hardware-request"),
        ("can I order a docking station", "hardware-request"),
        ("we have a new starter on Monday", "new-starter"),
        ("onboarding for a new hire", "new-starter"),
        ("someone is joining my team next month", "new-starter"),
        ("vpn is down", "report-incident"),
        ("teams not working", "report-incident"),
        ("SAP gives an error when I save", "report-incident"),
        ("the printer is broken", "report-incident"),
        ("wifi is very slow today", "report-incident"),
        ("hello", Unsure),
        ("I have a question", "other-request"),
    ];

    [Fact]
    public void ThePhrasingTableMostlyFindsTheItemPeopleMean()
    {
        var matcher = new CatalogMatcher(ShippedCatalog.Catalog);
        var hits = 0;
        foreach (var (text, expected) in Phrasings)
        {
            var result = matcher.Match(text);
            var got = result.IsSure ? result.Best!.Id : Unsure;
            hits += got == expected ? 1 : 0;
            output.WriteLine($"{(got == expected ? "ok  " : "MISS")} {text,-45} -> {got} ({string.Join(", ", result.Matches.Select(m => $"{m.Item.Id} {m.Score:0.0}"))})");
        }

        var rate = (double)hits / Phrasings.Length;
        output.WriteLine($"Catalog matching hit rate: {hits}/{Phrasings.Length} = {rate:P0}");
        Assert.True(Phrasings.Length >= 25);
        Assert.True(rate >= 0.85, $"hit rate {rate:P0}");
    }

    [Theory]
    [InlineData("I need access to the finance share", "access-request")]
    [InlineData("new laptop please", "hardware-request")]
    [InlineData("my outlook keeps crashing", "report-incident")]
    public void TheIssueExamplesOpenTheRightItem(string text, string expected)
    {
        var result = new CatalogMatcher(ShippedCatalog.Catalog).Match(text);

        Assert.True(result.IsSure);
        Assert.Equal(expected, result.Best!.Id);
    }

    [Theory]
    [InlineData("request")]
    [InlineData("i need something")]
    [InlineData("")]
    [InlineData("💥 \u0000 <script>")]
    public void AVagueMessageOffersThreeItems(string text)
    {
        var result = new CatalogMatcher(ShippedCatalog.Catalog).Match(text);

        Assert.False(result.IsSure);
        Assert.Equal(3, result.Matches.Count);
        Assert.Equal(3, result.Matches.Select(m => m.Item.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("report an incident", "report-incident", true)]
    [InlineData("Raise an incident please", "report-incident", true)]
    [InlineData("reset my password", "password-reset", true)]
    [InlineData("password reset", "password-reset", true)]
    [InlineData("my outlook keeps crashing", "report-incident", false)]
    [InlineData("I forgot my password", "password-reset", false)]
    [InlineData("phne lost, cant do mfa", "password-reset", false)]
    public void AMessageNamesAnItemOnlyWhenItsWordsAreTheTitlesAndAskingWords(string text, string item, bool names) =>
        Assert.Equal(names, new CatalogMatcher(ShippedCatalog.Catalog).NamesItem(text, ShippedCatalog.Catalog.Find(item)!));
}

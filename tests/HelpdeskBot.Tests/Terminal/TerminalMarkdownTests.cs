using HelpdeskBot.Terminal;

namespace HelpdeskBot.Tests.Terminal;

public sealed class TerminalMarkdownTests
{
    [Theory]
    [InlineData("type **help** to see", "type help to see")]
    [InlineData("[VPN keeps dropping](http://127.0.0.1:5000/kb/vpn-drops)", "VPN keeps dropping (http://127.0.0.1:5000/kb/vpn-drops)")]
    [InlineData("[https://example.com](https://example.com)", "https://example.com")]
    [InlineData("run `ipconfig /all` first", "run ipconfig /all first")]
    [InlineData("2 * 3 = 6, a [bracket] (aside)", "2 * 3 = 6, a [bracket] (aside)")]
    public void PipedOutputShowsMarkdownAsPlainText(string markdown, string shown) =>
        Assert.Equal(shown, TerminalMarkdown.Render(markdown, ansi: false));

    [Fact]
    public void ARealTerminalShowsBoldInBold() =>
        Assert.Equal("type \u001b[1mhelp\u001b[22m", TerminalMarkdown.Render("type **help**", ansi: true));
}

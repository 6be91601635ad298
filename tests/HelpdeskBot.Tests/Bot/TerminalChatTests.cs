using HelpdeskBot.Tests.Infrastructure;

namespace HelpdeskBot.Tests.Bot;

/// <summary>The terminal chat, run as `HelpdeskBot chat` with its input piped, as a script would.</summary>
public sealed class TerminalChatTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("chat-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task APipedConversationShowsTheWelcomeCardAnswersFromTheKnowledgeBaseAndRunsACardAction()
    {
        await using var chat = BotProcess.Start(_folder.FullName, ["chat"], redirectInput: true);
        await chat.Input.WriteAsync("help\nmy vpn wont connect\nwhen is payday\nhow do I export my miro boards to confluence\n2\nquit\n");
        chat.Input.Close();

        var exitCode = await chat.WaitForExitAsync(TimeSpan.FromMinutes(1));

        var output = chat.Output;
        Assert.True(exitCode == 0, output);
        Assert.Contains("bot> (card)", output);
        Assert.Contains("I'm the IT help desk bot", output);
        Assert.DoesNotContain("Show help", output); // no button that shows the same card again
        Assert.Contains("Was this helpful?", output); // a knowledge answer card
        Assert.Matches(@"Open article -> http://127\.0\.0\.1:\d+/kb/vpn-", output); // the chat's own address: see below
        Assert.Contains("That's not something IT looks after", output); // payday is not IT's
        Assert.Contains("I couldn't find an article", output); // an IT question without an article: a card offering the forms
        Assert.Contains("[2] Report an incident", output);
        Assert.DoesNotContain("bot> my vpn wont connect", output);
        Assert.Contains("bot> (card updated)", output);
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "helpdesk.db")), "the SQLite database is created on start");
    }

    [Fact]
    public async Task AnArticleLinkTheChatPrintsOpensWhileTheChatRuns()
    {
        await using var chat = BotProcess.Start(_folder.FullName, ["chat"], redirectInput: true);
        await chat.Input.WriteLineAsync("my vpn wont connect");
        await chat.Input.FlushAsync();
        await chat.WaitForOutputAsync("Open article -> ", TimeSpan.FromMinutes(1));

        var link = System.Text.RegularExpressions.Regex.Match(chat.Output, @"Open article -> (\S+)").Groups[1].Value;
        using var browser = new HttpClient();
        using var page = await browser.GetAsync(link);

        Assert.True(page.IsSuccessStatusCode, $"{link}: {(int)page.StatusCode}");
        Assert.Contains("VPN", await page.Content.ReadAsStringAsync());
        chat.Input.Close();
        Assert.Equal(0, await chat.WaitForExitAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task APipedRequestMeetsItsApprovalCardAndIsApprovedBeforeTheChatEnds()
    {
        await using var chat = BotProcess.Start(_folder.FullName, ["chat"], redirectInput: true);
        // All at once, no pauses: the approver's card comes after the turn that files the request (through the ticket
        // outbox), and the chat waits for it before reading on.
        await chat.Input.WriteAsync("I need a new laptop\n1\n1\n1\nn\n2099-12-01\nLeeds, desk 3.14\n1\n\nmy tickets\n");
        chat.Input.Close();

        var exitCode = await chat.WaitForExitAsync(TimeSpan.FromMinutes(1));

        var output = chat.Output;
        Assert.True(exitCode == 0, output);
        Assert.Contains("--- to Megan Bowen (1:1 chat) ---", output);
        Assert.Contains("Approval needed", output);
        Assert.Contains("(type a number to act as Megan Bowen)", output);
        Assert.Contains("REQ0001001 (Laptop × 1) was approved by Megan Bowen; work can start.", output);
    }

    [Fact]
    public async Task ThePipedChatShowsMarkdownAsTextInputsByTheirLabelsAndGreetsBriefly()
    {
        await using var chat = BotProcess.Start(_folder.FullName, ["chat"], redirectInput: true);
        await chat.Input.WriteAsync("hi\nhelp\nnew laptop please\nquit\n");
        chat.Input.Close();

        var exitCode = await chat.WaitForExitAsync(TimeSpan.FromMinutes(1));

        var output = chat.Output.ReplaceLineEndings("\n");
        Assert.True(exitCode == 0, output);
        Assert.Contains("you> hi\nbot> Hi Terminal User! Ask me an IT question in your own words", output); // one line, not the card
        Assert.Contains("or type help to see everything I can do.\nyou> help\nbot> (card)\n  Hi Terminal User, I'm the IT help desk bot", output);
        Assert.Contains("  Deliver to (office and desk) (e.g. London, 3rd floor, desk 42)\n", output);
        Assert.Contains("  This replaces broken equipment\n", output);
        Assert.DoesNotContain("**", output);
        Assert.DoesNotContain("[choiceset]", output);
        Assert.DoesNotContain("[toggle]", output);
        Assert.DoesNotContain("\u001b[", output); // piped: no ANSI codes
        Assert.DoesNotContain("root", output);
    }

    [Fact]
    public async Task TheChatEndsCleanlyWhenItsInputEnds()
    {
        await using var chat = BotProcess.Start(_folder.FullName, ["chat"], redirectInput: true);
        chat.Input.Close();

        Assert.Equal(0, await chat.WaitForExitAsync(TimeSpan.FromMinutes(1)));
    }
}

using HelpdeskBot.Requests;

namespace HelpdeskBot.Tests.Requests;

public sealed class RequestCommandsTests
{
    [Theory]
    [InlineData("my tickets")]
    [InlineData("  My Tickets? ")]
    [InlineData("show my requests")]
    [InlineData("what have I raised?")]
    public void TheRequestersOwnTicketsAreAskedForInPlainWords(string text) =>
        Assert.IsType<RequestCommand.MyTickets>(RequestCommands.Parse(text));

    [Theory]
    [InlineData("my approvals")]
    [InlineData("Pending approvals?")]
    public void AnApproverAsksForWhatIsWaitingForThem(string text) =>
        Assert.IsType<RequestCommand.MyApprovals>(RequestCommands.Parse(text));

    [Theory]
    [InlineData("status REQ0001001", "REQ0001001")]
    [InlineData("where is inc0001002?", "INC0001002")]
    [InlineData("REQ0001001", "REQ0001001")]
    public void ATicketNumberAsksForItsStatus(string text, string number) =>
        Assert.Equal(new RequestCommand.Status(number), RequestCommands.Parse(text));

    [Theory]
    [InlineData("status 1001")]
    [InlineData("status")]
    [InlineData("Status my ticket?")]
    [InlineData("status REQ00010011")] // eight digits: not one of ours
    public void AStatusCommandWithoutATicketNumberAsksForHelpWithIt(string text) =>
        Assert.IsType<RequestCommand.StatusHelp>(RequestCommands.Parse(text));

    [Theory]
    [InlineData("request")]
    [InlineData("Raise a ticket")]
    [InlineData("report an incident!")]
    public void AskingToRaiseSomethingBrowsesTheCatalog(string text) =>
        Assert.IsType<RequestCommand.Browse>(RequestCommands.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("vpn wont conect")]
    [InlineData("status of the vpn service today")]
    [InlineData("my tickets are on my desk and the printer jams")]
    public void EverythingElseIsLeftToTheCatalogAndTheKnowledgeBase(string? text) =>
        Assert.Null(RequestCommands.Parse(text));

    [Fact]
    public void AHundredKilobyteMessageIsNotACommand() =>
        Assert.Null(RequestCommands.Parse("my tickets " + new string('x', 100_000)));
}

using HelpdeskBot.Handover;

namespace HelpdeskBot.Tests.Handover;

public sealed class HandoverPhrasesTests
{
    [Theory]
    [InlineData("talk to a human")]
    [InlineData("Talk to a human!")]
    [InlineData("can I speak to someone")]
    [InlineData("can i speak to someone please?")]
    [InlineData("agent please")]
    [InlineData("human please")]
    [InlineData("real person")]
    [InlineData("a real person please")]
    [InlineData("speak to an agent")]
    [InlineData("connect me to support")]
    [InlineData("connect me to the service desk")]
    [InlineData("i want to talk to someone")]
    [InlineData("I'd like to speak with a technician")]
    [InlineData("let me talk to a real person")]
    [InlineData("escalate")]
    [InlineData("escalate this please")]
    [InlineData("this didn't help")]
    [InlineData("That did not help at all")]
    [InlineData("it doesn't help")]
    [InlineData("not helpful")]
    [InlineData("i need a human")]
    [InlineData("get me a real person")]
    [InlineData("operator")]
    [InlineData("is there someone i can talk to")]
    [InlineData("chat with the help desk")]
    [InlineData("transfer me to an agent")]
    public void AskingForAPersonIsRecognised(string text) => Assert.True(HandoverPhrases.AsksForPerson(text), text);

    [Theory]
    [InlineData("how do I add a person to a team")]
    [InlineData("agent software won't install")]
    [InlineData("the agent software keeps crashing")]
    [InlineData("vpn wont connect from home")]
    [InlineData("new starter next monday")]
    [InlineData("i can't chat with someone outside the company")]
    [InlineData("can't talk to people on teams")]
    [InlineData("how to escalate privileges in powershell")]
    [InlineData("connect me to the vpn")]
    [InlineData("i need someone to reset my password")]
    [InlineData("restarting didn't help, outlook still crashes")]
    [InlineData("add a person to the distribution list")]
    [InlineData("my laptop won't talk to the printer")]
    [InlineData("human resources system is down")]
    [InlineData("")]
    [InlineData("thanks")]
    public void AnOrdinaryQuestionIsNotAskingForAPerson(string text) => Assert.False(HandoverPhrases.AsksForPerson(text), text);
}

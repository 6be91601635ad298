using HelpdeskBot.Chat;

namespace HelpdeskBot.Tests.Bot;

public sealed class SmallTalkTests
{
    [Theory]
    [InlineData("thanks", SmallTalk.Welcome)]
    [InlineData("Thank you so much!", SmallTalk.Welcome)]
    [InlineData("thanks thats all i needed", SmallTalk.Welcome)]
    [InlineData("it's working now, cheers 🙏", SmallTalk.Welcome)]
    [InlineData("thx", SmallTalk.Welcome)]
    [InlineData("ok bye", SmallTalk.Goodbye)]
    [InlineData("Goodbye!", SmallTalk.Goodbye)]
    [InlineData("ok 👍", SmallTalk.Acknowledged)]
    [InlineData("perfect, got it", SmallTalk.Acknowledged)]
    public void ThanksAcknowledgementsAndGoodbyesGetAReplyOfTheirOwn(string text, string reply) =>
        Assert.Equal(reply, SmallTalk.ReplyTo(text));

    [Theory]
    [InlineData("thanks but it still doesn't work")]
    [InlineData("thank you, how do i reset my pw")]
    [InlineData("ok the vpn is down again")]
    [InlineData("is it fixed now")]
    [InlineData("")]
    public void AMessageThatAsksSomethingIsNotSmallTalk(string text) => Assert.Null(SmallTalk.ReplyTo(text));

    [Theory]
    [InlineData("7")]
    [InlineData("1001")]
    [InlineData("???")]
    [InlineData("🔥💻🔥")]
    public void AMessageWithoutAWordGetsAHintNotASearch(string text) => Assert.Equal(SmallTalk.NoWords, SmallTalk.ReplyTo(text));
}

using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Protocol.Teams;

namespace HelpdeskBot.Tests.Protocol;

public class TeamsMentionTests
{
    private static Activity ChannelMessage(string text, params Mention[] mentions) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Recipient = new ChannelAccount("28:bot", "HelpdeskBot"),
        Entities = [.. mentions.Select(m => m.ToEntity())],
    };

    [Fact]
    public void TheBotsOwnMentionIsStrippedAndOtherMentionsKept()
    {
        var bot = Mention.Of(new ChannelAccount("28:bot", "HelpdeskBot"));
        var grace = Mention.Of(new ChannelAccount("29:grace", "Grace Hopper"));
        var activity = ChannelMessage($"{bot.Text}  my laptop is broken, cc {grace.Text}", bot, grace);

        Assert.Equal("my laptop is broken, cc <at>Grace Hopper</at>", activity.GetTextWithoutBotMention());
    }

    [Fact]
    public void AMentionWithoutAnEntityIsStillStripped()
    {
        var activity = ChannelMessage("<at>HelpdeskBot</at> help");

        Assert.Equal("help", activity.GetTextWithoutBotMention());
    }

    [Fact]
    public void ACreatedMentionCarriesTheMarkupAndAnEntityNamingTheUser()
    {
        var mention = Mention.Of(new ChannelAccount("29:ada", "Ada <Admin>"));

        var read = Mention.FromEntity(mention.ToEntity());

        Assert.Equal("<at>Ada &lt;Admin&gt;</at>", mention.Text);
        Assert.Equal("29:ada", read?.Mentioned.Id);
        Assert.Equal(mention.Text, read?.Text);
    }
}

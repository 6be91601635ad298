using System.Text.Json;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Tests.Protocol;

public class AdaptiveCardTests
{
    [Fact]
    public void ACardIsSentAsAnAdaptiveCardAttachmentAtSchema15()
    {
        var attachment = new AdaptiveCard { Body = [new TextBlock("Hello")] }.ToAttachment();

        var content = attachment.Content!.Value;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        Assert.Equal("AdaptiveCard", content.GetProperty("type").GetString());
        Assert.Equal("1.5", content.GetProperty("version").GetString());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", content.GetProperty("$schema").GetString());
        Assert.Equal("TextBlock", content.GetProperty("body")[0].GetProperty("type").GetString());
        Assert.False(content.TryGetProperty("actions", out _)); // no empty arrays
    }

    [Fact]
    public void InputsCarryTheirClientSideValidation()
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                new InputText
                {
                    Id = "email", Label = "Email", IsRequired = true, Regex = "^[^@]+@[^@]+$",
                    ErrorMessage = "Enter an email address", Style = TextInputStyle.Email,
                },
                new InputNumber { Id = "count", Label = "How many", Min = 1, Max = 5 },
            ],
        };

        var body = ProtocolJson.ToElement(card).GetProperty("body");

        Assert.Equal("Input.Text", body[0].GetProperty("type").GetString());
        Assert.True(body[0].GetProperty("isRequired").GetBoolean());
        Assert.Equal("^[^@]+@[^@]+$", body[0].GetProperty("regex").GetString());
        Assert.Equal("email", body[0].GetProperty("style").GetString());
        Assert.Equal(5, body[1].GetProperty("max").GetDouble());
    }

    [Fact]
    public void ActionExecuteFallsBackToASubmitCarryingTheSameDataAndTheVerb()
    {
        var action = ActionExecute.Create("Approve", "approve", new { ticket = "REQ0001001" });

        var json = JsonSerializer.SerializeToElement<CardAction>(action, ProtocolJson.Options);

        Assert.Equal("Action.Execute", json.GetProperty("type").GetString());
        Assert.Equal("approve", json.GetProperty("verb").GetString());
        Assert.Equal("REQ0001001", json.GetProperty("data").GetProperty("ticket").GetString());
        var fallback = json.GetProperty("fallback");
        Assert.Equal("Action.Submit", fallback.GetProperty("type").GetString());
        Assert.Equal("REQ0001001", fallback.GetProperty("data").GetProperty("ticket").GetString());
        Assert.Equal("approve", fallback.GetProperty("data").GetProperty("verb").GetString());
    }

    [Fact]
    public void ARefreshNamesAtMostSixtyUsers()
    {
        var action = new ActionExecute { Verb = "refresh" };

        Assert.Throws<ArgumentException>(() => new CardRefresh(action, [.. Enumerable.Range(0, 61).Select(i => $"29:{i}")]));
        Assert.Equal(60, new CardRefresh(action, [.. Enumerable.Range(0, 60).Select(i => $"29:{i}")]).UserIds!.Count);
    }

    [Fact]
    public void ACardRoundTripsThroughItsOwnModel()
    {
        var card = SampleCards.EveryElement();

        var json = JsonSerializer.Serialize(card, ProtocolJson.Options);
        var again = JsonSerializer.Serialize(JsonSerializer.Deserialize<AdaptiveCard>(json, ProtocolJson.Options), ProtocolJson.Options);

        Assert.Equal(json, again);
    }
}

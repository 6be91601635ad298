using System.Text.Json;
using System.Text.Json.Nodes;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Protocol.Teams;

namespace HelpdeskBot.Tests.Protocol;

public class ActivitySerializationTests
{
    // A Teams channel message with an @mention, as Teams sends it, plus fields this version does not model.
    private const string TeamsChannelMessage = """
        {
          "text": "<at>HelpdeskBot</at> vpn wont connect",
          "textFormat": "plain",
          "attachments": [{ "contentType": "text/html", "content": "<div><at>HelpdeskBot</at> vpn wont connect</div>" }],
          "type": "message",
          "timestamp": "2026-11-21T10:15:30.1234567Z",
          "localTimestamp": "2026-11-21T11:15:30.1234567+01:00",
          "id": "1732184130123",
          "channelId": "msteams",
          "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "from": { "id": "29:1abc", "name": "Ada Lovelace", "aadObjectId": "6d3e-aad" },
          "conversation": {
            "isGroup": true, "conversationType": "channel", "tenantId": "tenant-42",
            "id": "19:abc@thread.tacv2;messageid=1732184130123"
          },
          "recipient": { "id": "28:bot-app-id", "name": "HelpdeskBot" },
          "entities": [
            { "mentioned": { "id": "28:bot-app-id", "name": "HelpdeskBot" }, "text": "<at>HelpdeskBot</at>", "type": "mention" },
            { "locale": "en-GB", "country": "GB", "platform": "Web", "timezone": "Europe/London", "type": "clientInfo" }
          ],
          "channelData": {
            "teamsChannelId": "19:abc@thread.tacv2",
            "teamsTeamId": "19:team@thread.tacv2",
            "channel": { "id": "19:abc@thread.tacv2", "name": "IT Support" },
            "team": { "id": "19:team@thread.tacv2", "name": "Contoso IT", "aadGroupId": "group-guid" },
            "tenant": { "id": "tenant-42" },
            "settings": { "selectedChannel": { "id": "19:abc@thread.tacv2" } }
          },
          "locale": "en-GB",
          "localTimezone": "Europe/London",
          "futureField": { "nested": [1, 2, { "deep": true }] }
        }
        """;

    [Fact]
    public void ATeamsActivityRoundTripsWithChannelDataEntitiesAndUnknownFieldsIntact()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsChannelMessage, ProtocolJson.Options)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJson.Options))!;
        var original = JsonNode.Parse(TeamsChannelMessage)!;

        // Timestamps are compared as instants; everything else must be the same JSON.
        foreach (var field in new[] { "timestamp", "localTimestamp" })
        {
            Assert.Equal(DateTimeOffset.Parse(original[field]!.GetValue<string>()), DateTimeOffset.Parse(written[field]!.GetValue<string>()));
            original.AsObject().Remove(field);
            written.AsObject().Remove(field);
        }

        Assert.True(JsonNode.DeepEquals(original, written), $"Round trip changed the activity:\n{written}");
    }

    [Fact]
    public void TeamsChannelDataAndTenantAreReadable()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsChannelMessage, ProtocolJson.Options)!;

        var channelData = activity.GetTeamsChannelData();

        Assert.Equal("tenant-42", activity.GetTenantId());
        Assert.Equal("Contoso IT", channelData.Team?.Name);
        Assert.Equal("group-guid", channelData.Team?.AadGroupId);
        Assert.Equal("IT Support", channelData.Channel?.Name);
        Assert.True(channelData.Properties!.ContainsKey("teamsChannelId"));
    }

    [Fact]
    public void OutboundActivitiesLeaveOutNullsEmptyStringsAndEmptyArrays()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "",
            Attachments = [],
            Entities = [],
            Recipient = new ChannelAccount("29:x") { Name = "" },
        };

        var json = JsonSerializer.Serialize(activity, ProtocolJson.Options);

        Assert.Equal("""{"type":"message","recipient":{"id":"29:x"}}""", json);
    }

    [Fact]
    public void AConversationReferenceAddressesARepliesFromTheBotToTheUser()
    {
        var incoming = JsonSerializer.Deserialize<Activity>(TeamsChannelMessage, ProtocolJson.Options)!;

        var reply = Activity.CreateMessage("hello").ApplyConversationReference(incoming.GetConversationReference(), replyTo: true);

        Assert.Equal("28:bot-app-id", reply.From?.Id);
        Assert.Equal("29:1abc", reply.Recipient?.Id);
        Assert.Equal(incoming.Conversation!.Id, reply.Conversation?.Id);
        Assert.Equal(incoming.ServiceUrl, reply.ServiceUrl);
        Assert.Equal(incoming.Id, reply.ReplyToId);
    }
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HelpdeskBot.Storage;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Bot;

/// <summary>
/// Generated activities with the wrong JSON type in every field the bot reads, truncated JSON, huge and odd Unicode
/// strings and forged card data, posted to /api/messages with a reachable connector: none may fail the turn (500),
/// and one that is refused writes nothing.
/// </summary>
public sealed class ActivityFuzzTests() : BotWithChannel(new HelpdeskBotFactory(new Dictionary<string, string?>
{
    ["Knowledge:ArticlesPath"] = Knowledge.KnowledgeFixture.SampleArticles,
}))
{
    private const int Activities = 2_000;

    // Paths the bot reads, relative to the activity; a mutation puts an arbitrary JSON value there.
    private static readonly string[] Paths =
    [
        "text", "value", "value.verb", "value.item", "value.token", "value.ticket", "value.reason", "value.text",
        "value.message", "value.action", "value.action.verb", "value.action.data", "value.action.data.item",
        "value.action.data.token", "value.action.data.ticket", "value.action.data.outage", "value.action.data.status", "value.action.type", "value.trigger",
        "entities", "entities.0", "entities.0.type", "entities.0.mentioned", "entities.0.mentioned.id", "entities.0.text",
        "channelData", "channelData.tenant", "channelData.tenant.id", "channelData.team", "channelData.channel",
        "conversation.conversationType", "conversation.isGroup", "conversation.tenantId", "from", "from.name",
        "from.aadObjectId", "from.role", "recipient", "recipient.id", "membersAdded", "membersAdded.0",
        "membersAdded.0.id", "membersRemoved", "replyToId", "name", "locale", "localTimestamp", "timestamp",
        "attachments", "attachments.0.contentType", "attachments.0.content", "deliveryMode", "type",
    ];

    [Fact]
    public async Task NoGeneratedActivityFailsATurnAndARefusedOneWritesNothing()
    {
        var random = new Random(20261205);
        var failures = new List<string>();
        for (var i = 0; i < Activities && failures.Count < 5; i++)
        {
            var body = Generate(random, i);
            var before = await CountsAsync();
            using var response = await Client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode == HttpStatusCode.InternalServerError) // 501 is the protocol's answer to an unknown invoke
            {
                failures.Add($"{(int)response.StatusCode} for: {Shorten(body)}");
            }
            else if ((int)response.StatusCode is >= 400 and < 500 && await CountsAsync() != before)
            {
                failures.Add($"{(int)response.StatusCode} but something was written for: {Shorten(body)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.DoesNotContain(Bot.Logs, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("turn", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<(int, int, int)> CountsAsync()
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
        return (await db.Conversations.CountAsync(), await db.People.CountAsync(), await db.Set<HelpdeskBot.Tickets.Ticket>().CountAsync());
    }

    private string Generate(Random random, int i)
    {
        var activity = Base(random, i);
        for (var mutations = random.Next(1, 4); mutations > 0; mutations--)
        {
            Set(activity, Paths[random.Next(Paths.Length)], Value(random));
        }

        var json = activity.ToJsonString();
        return random.Next(20) == 0 ? json[..random.Next(1, json.Length)] : json; // now and then, truncated
    }

    // A well-formed Teams activity of a random kind, aimed at the fake channel.
    private JsonObject Base(Random random, int i)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = $"fuzz-{i}",
            ["channelId"] = "msteams",
            ["serviceUrl"] = Channel.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = $"29:fuzz-{random.Next(5)}", ["name"] = "Fuzz", ["aadObjectId"] = $"aad-{random.Next(5)}" },
            ["recipient"] = new JsonObject { ["id"] = TeamsActivities.BotId, ["name"] = "HelpdeskBot" },
            ["conversation"] = new JsonObject { ["id"] = $"a:fuzz-{random.Next(5)}", ["conversationType"] = "personal", ["tenantId"] = TeamsActivities.TenantId },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsActivities.TenantId } },
        };
        string[] verbs = ["catalog.open", "catalog.submit", "approval.approve", "approval.reject", "ticket.comment", "ticket.cancel", "feedback", "help",
            "handover.yes", "queue.take", "queue.chat", "outage.affected", "outage.other", "outage.update", "outage.resolve", "outage.refresh", "nope"];
        switch (random.Next(6))
        {
            case 0:
                activity["text"] = random.Next(2) == 0 ? "help" : "my vpn wont connect";
                break;
            case 1: // an Action.Submit (or an Execute's fallback)
                activity["value"] = new JsonObject { ["verb"] = verbs[random.Next(verbs.Length)], ["item"] = "hardware-request", ["token"] = new string('a', 32), ["ticket"] = "REQ0001001" };
                break;
            case 2:
                activity["type"] = "invoke";
                activity["name"] = "adaptiveCard/action";
                activity["value"] = new JsonObject
                {
                    ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verbs[random.Next(verbs.Length)], ["data"] = new JsonObject { ["item"] = "report-incident", ["ticket"] = "REQ0001001", ["outage"] = random.Next(3) switch { 0 => 1, 1 => "1", _ => -7 } } },
                    ["trigger"] = "manual",
                };
                break;
            case 3:
                activity["type"] = "conversationUpdate";
                activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsActivities.BotId });
                break;
            case 4:
                activity["type"] = "installationUpdate";
                activity["action"] = random.Next(2) == 0 ? "add" : "remove";
                break;
            default:
                activity["text"] = "<at>HelpdeskBot</at> my tickets";
                activity["entities"] = new JsonArray(new JsonObject
                {
                    ["type"] = "mention", ["text"] = "<at>HelpdeskBot</at>", ["mentioned"] = new JsonObject { ["id"] = TeamsActivities.BotId },
                });
                break;
        }

        return activity;
    }

    private static JsonNode? Value(Random random) => random.Next(12) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next()),
        2 => JsonValue.Create(random.NextDouble() * 1e300),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => new JsonArray(JsonValue.Create(1), null, JsonValue.Create("x"), new JsonObject()),
        5 => new JsonObject { ["id"] = 5, ["verb"] = new JsonArray(), ["data"] = "not an object" },
        6 => JsonValue.Create(new string('x', random.Next(10_000, 60_000))),
        7 => JsonValue.Create("\u202Eevil\u200B\uFEFF 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩‍💻 ‮ زمان \u0301\u0301\u0301"),
        8 => JsonValue.Create("\ud800 lone surrogate"),
        9 => JsonValue.Create(""),
        10 => Deep(random.Next(10, 60)),
        _ => JsonValue.Create("REQ0001001; DROP TABLE Tickets; --"),
    };

    private static JsonNode Deep(int depth)
    {
        JsonNode node = JsonValue.Create("bottom");
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["x"] = node };
        }

        return node;
    }

    // Puts value at a dotted path, making objects (or replacing array items) on the way.
    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        JsonNode current = root;
        var parts = path.Split('.');
        for (var p = 0; p < parts.Length; p++)
        {
            var last = p == parts.Length - 1;
            var part = parts[p];
            if (int.TryParse(part, out var index))
            {
                if (current is not JsonArray array)
                {
                    return;
                }

                while (array.Count <= index) array.Add(new JsonObject());
                if (last) { array[index] = value?.DeepClone(); return; }
                current = array[index] ??= new JsonObject();
                continue;
            }

            if (current is not JsonObject obj)
            {
                return;
            }

            if (last) { obj[part] = value?.DeepClone(); return; }
            var next = obj[part];
            if (next is null or JsonValue)
            {
                next = int.TryParse(parts[p + 1], out _) ? new JsonArray() : new JsonObject();
                obj[part] = next;
            }

            current = next;
        }
    }

    private static string Shorten(string body) => body.Length <= 600 ? body : body[..600] + "…";
}

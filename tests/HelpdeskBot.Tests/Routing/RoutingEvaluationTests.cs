using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HelpdeskBot.Routing;
using HelpdeskBot.Tests.Infrastructure;
using HelpdeskBot.Tests.Knowledge;
using Xunit.Abstractions;

namespace HelpdeskBot.Tests.Routing;

/// <summary>
/// Where each message of the routing set goes (tests/HelpdeskBot.Tests/Routing/routing-set.json: 305 lines written by
/// someone who had read neither the catalog nor the code, each labeled with the capability that should take it). Each
/// is sent over HTTP in a conversation of its own to the bot with the sample knowledge base and catalog, and the
/// capability is read off what the bot answered: the hand-over offer, a form (which catalog item), an article, the
/// outage status, the tickets, a subscription, small talk, or a decline. Prints accuracy per intent, also to
/// TestResults/routing.txt, and every miss to TestResults/routing-misses.txt.
/// </summary>
public sealed partial class RoutingEvaluationTests(ITestOutputHelper output) : BotWithChannel(new HelpdeskBotFactory(new Dictionary<string, string?>
{
    ["Knowledge:ArticlesPath"] = KnowledgeFixture.SampleArticles,
    ["Knowledge:Search:SynonymsPath"] = RepositoryRoot.Combine("knowledge", "synonyms.txt"),
    // ROUTING_RULES=1: the keyword rules and lexical search alone, as before the model router.
    ["Knowledge:Semantic:Enabled"] = Environment.GetEnvironmentVariable("ROUTING_RULES") == "1" ? "false" : "true",
    ["Routing:UseModel"] = Environment.GetEnvironmentVariable("ROUTING_RULES") == "1" ? "false" : "true",
}))
{
    private sealed record Labeled(string Text, string Intent, string[]? Also, string? Note)
    {
        public bool Accepts(string routed) => routed == Intent || (Also ?? []).Contains(routed);
    }

    [Fact]
    public async Task EachMessageGoesToTheCapabilityItsAuthorExpected()
    {
        var set = JsonSerializer.Deserialize<List<Labeled>>(
            await File.ReadAllTextAsync(RepositoryRoot.Combine("tests", "HelpdeskBot.Tests", "Routing", "routing-set.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        var results = new List<(Labeled Line, string Routed, string Reply)>();
        for (var i = 0; i < set.Count; i++)
        {
            var before = Channel.Requests.Count;
            var response = await Client.PostActivityAsync(TeamsActivities.Message(Channel.ServiceUrl, set[i].Text, $"a:routing-{i}"));
            Assert.True(response.IsSuccessStatusCode, $"{set[i].Text}: {response.StatusCode}");
            // The turn's replies are sent before its POST is answered.
            var replies = Channel.Requests.Skip(before).Where(r => r.Body is not null).Select(r => r.Activity).Where(a => a.Type == "message").ToList();
            var (routed, reply) = Classify(replies);
            results.Add((set[i], routed, reply));
        }

        var text = Table(results);
        output.WriteLine(text);
        Directory.CreateDirectory(RepositoryRoot.Combine("TestResults"));
        await File.WriteAllTextAsync(RepositoryRoot.Combine("TestResults", "routing.txt"), text);
        await File.WriteAllLinesAsync(RepositoryRoot.Combine("TestResults", "routing-misses.txt"),
            results.Where(r => !r.Line.Accepts(r.Routed)).Select(r => $"{r.Line.Intent,-26} -> {r.Routed,-26} {r.Line.Text}    [{r.Reply}]"));

        // A floor under the figures of the model router (2026-12-05: 0.90 overall, 0.97 for a person; the keyword rules
        // alone gave 0.49 and 0.62, and are only printed with ROUTING_RULES=1), so a change that loses a few percent fails here.
        if (RulesOnly)
        {
            return;
        }

        Assert.True(Accuracy(results) >= Floor, text);
        Assert.True(Accuracy(results.Where(r => r.Line.Intent == "person")) >= PersonFloor, text);
    }

    private static bool RulesOnly => Environment.GetEnvironmentVariable("ROUTING_RULES") == "1";

    private const double Floor = 0.86;
    private const double PersonFloor = 0.92;

    private static double Accuracy(IEnumerable<(Labeled Line, string Routed, string Reply)> results) =>
        results.Average(r => r.Line.Accepts(r.Routed) ? 1.0 : 0.0);

    private static int AskedRight(IEnumerable<(Labeled Line, string Routed, string Reply)> results) =>
        results.Count(r => r.Routed.StartsWith("ask:", StringComparison.Ordinal) && r.Routed[4..].Split('|').Any(r.Line.Accepts));

    private static string Table(List<(Labeled Line, string Routed, string Reply)> results)
    {
        var text = new StringBuilder();
        text.AppendLine("intent                        n  accuracy  asked, right one offered  most often routed instead");
        foreach (var group in results.GroupBy(r => r.Line.Intent).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var instead = group.Where(r => !r.Line.Accepts(r.Routed)).GroupBy(r => r.Routed).OrderByDescending(g => g.Count()).FirstOrDefault();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key,-26}{group.Count(),5}  {Accuracy(group),8:0.00}  {AskedRight(group),24}  {(instead is null ? "" : $"{instead.Key} ({instead.Count()})")}"));
        }

        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"ALL",-26}{results.Count,5}  {Accuracy(results),8:0.00}  {AskedRight(results),24}"));
        return text.ToString();
    }

    /// <summary>Which capability answered, read off the turn's first message, and a short description of it.</summary>
    private static (string Routed, string Reply) Classify(List<HelpdeskBot.Protocol.Schema.Activity> replies)
    {
        if (replies.Count == 0)
        {
            return ("none", "no reply");
        }

        var first = replies[0];
        var card = first.Attachments?.FirstOrDefault()?.Content is { } content
            ? JsonSerializer.Serialize(content, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            : "";
        var said = Regex.Replace(first.Text ?? "", @"\s+", " ");
        var reply = card.Length > 0 ? $"card: {Summary(card)}" : said.Length > 120 ? said[..120] : said;
        string routed = card switch
        {
            _ when card.Contains("\"handover.yes\"", StringComparison.Ordinal) => "person",
            _ when ItemId().Match(card) is { Success: true } item && card.Contains("\"catalog.submit\"", StringComparison.Ordinal) =>
                item.Groups[1].Value == "report-incident" ? "incident" : $"request:{item.Groups[1].Value}",
            _ when card.Contains("I'm the IT help desk bot", StringComparison.Ordinal) => "smalltalk", // the welcome card (help)
            _ when card.Contains("\"outage.", StringComparison.Ordinal) || card.Contains("outage", StringComparison.OrdinalIgnoreCase) => "outage",
            _ when card.Contains("\"kb-feedback\"", StringComparison.Ordinal) => "answer",
            _ when card.Contains("I couldn't find an article", StringComparison.Ordinal) => "decline",
            _ when card.Contains("\"catalog.open\"", StringComparison.Ordinal) => "choice",
            // "Which do you mean?": counted as a miss; the table counts apart whether the right intent was among the choices.
            _ when card.Contains("\"route.choose\"", StringComparison.Ordinal) => "ask:" + string.Join("|",
                ChoiceIntent().Matches(card).Select(m => m.Groups[1].Value).Distinct().Select(v => Intents.BuiltIn.Contains(v) ? v
                    : v == "report-incident" ? "incident" : "request:" + v)),
            _ when card.Contains("\"ticket.", StringComparison.Ordinal) || card.Contains("REQ", StringComparison.Ordinal) => "tickets",
            { Length: > 0 } => "other card",
            _ => Said(said),
        };
        return (routed, reply);
    }

    // What a text reply is: each capability's own wording.
    private static string Said(string said) => said switch
    {
        _ when said.StartsWith("Hi", StringComparison.Ordinal) || said.Contains("You're welcome", StringComparison.Ordinal)
            || said.StartsWith("Bye", StringComparison.Ordinal) || said.StartsWith("👍", StringComparison.Ordinal) => "smalltalk",
        _ when said.Contains("subscri", StringComparison.OrdinalIgnoreCase) || said.Contains("notices", StringComparison.OrdinalIgnoreCase) => "subscribe",
        _ when said.Contains("outage", StringComparison.OrdinalIgnoreCase) || said.Contains("known issue", StringComparison.OrdinalIgnoreCase) => "outage",
        _ when said.Contains("ticket", StringComparison.OrdinalIgnoreCase) => "tickets",
        _ when said.Contains("can't help", StringComparison.OrdinalIgnoreCase) || said.Contains("couldn't find", StringComparison.OrdinalIgnoreCase)
            || said.Contains("don't have an answer", StringComparison.OrdinalIgnoreCase) => "decline",
        _ => "other text",
    };

    private static string Summary(string card)
    {
        var texts = CardText().Matches(card).Select(m => m.Groups[1].Value).Take(2);
        var summary = string.Join(" / ", texts);
        return summary.Length > 100 ? summary[..100] : summary;
    }

    [GeneratedRegex("\"intent\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex ChoiceIntent();

    [GeneratedRegex("\"item\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex ItemId();

    [GeneratedRegex("\"text\"\\s*:\\s*\"([^\"]{1,80})")]
    private static partial Regex CardText();
}

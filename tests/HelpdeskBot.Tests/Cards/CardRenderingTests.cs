using HelpdeskBot.Chat;
using HelpdeskBot.Knowledge;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Schema;
using HelpdeskBot.Tests.Infrastructure;

namespace HelpdeskBot.Tests.Cards;

/// <summary>
/// The bot's cards go through the official adaptivecards renderer in headless Chromium (tests/cards-render), which
/// fails a card on any parse or validation issue, a version above 1.5, or text that does not show.
/// </summary>
public class CardRenderingTests
{
    public static TheoryData<string> Cards => ["welcome", "every-element", "answer", "generated-answer"];

    private static AdaptiveCard Build(string name) => name switch
    {
        "welcome" => WelcomeCard.Build("Ada"),
        "every-element" => SampleCards.EveryElement(),
        "answer" => AnswerCard.Build(SampleCards.Answer(), "https://helpdesk.example.com"),
        "generated-answer" => GeneratedAnswerCard.Build(SampleCards.GeneratedAnswer(), "vpn wont connect", "https://helpdesk.example.com"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Cards))]
    public async Task TheCardRendersCleanlyInTheOfficialRenderer(string name)
    {
        var harness = RepositoryRoot.Combine("tests", "cards-render");
        Assert.True(Directory.Exists(Path.Combine(harness, "node_modules", "adaptivecards")),
            "The renderer is not installed: run `npm ci` in tests/cards-render (.ci/run does).");
        var folder = Directory.CreateTempSubdirectory("cards-");
        try
        {
            var json = System.Text.Json.JsonSerializer.Serialize(Build(name), ProtocolJson.Options);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, $"{name}.json"), json);

            await using var node = ExternalProcess.Start("node", ["render.mjs", folder.FullName], harness);
            var exitCode = await node.WaitForExitAsync(TimeSpan.FromMinutes(2));

            Assert.True(exitCode == 0, $"The renderer flagged the card:\n{node.Output}");
            Assert.Contains("\"ok\":true", node.Output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

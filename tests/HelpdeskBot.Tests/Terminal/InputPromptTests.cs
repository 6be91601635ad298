using System.Text.Json;
using HelpdeskBot.Catalog;
using HelpdeskBot.Terminal;
using HelpdeskBot.Tests.Catalog;
using HelpdeskBot.Tests.Infrastructure;

namespace HelpdeskBot.Tests.Terminal;

/// <summary>The terminal chat's form filling, for a form opened with what was said in chat already in it.</summary>
public sealed class InputPromptTests
{
    private static JsonElement Description(string message)
    {
        var item = ShippedCatalog.Item("report-incident");
        var card = IntakeCard.Build(item, IntakeCard.FromMessage(item, message)).ToAttachment().Content!.Value;
        return CardTexts.Input(card, "description");
    }

    [Fact]
    public async Task EnterKeepsTheTextTheFormAlreadyHolds()
    {
        var output = new StringWriter();

        var answer = await InputPrompt.AskAsync(Description("the payroll system is down"), new StringReader("\n"), output);

        Assert.Equal("the payroll system is down", answer);
        Assert.Contains("[Enter keeps \"the payroll system is down\"]", output.ToString());
    }

    [Fact]
    public async Task TypingSomethingReplacesIt()
    {
        var answer = await InputPrompt.AskAsync(Description("the payroll system is down"), new StringReader("payroll shows a 500 error\n"), TextWriter.Null);

        Assert.Equal("payroll shows a 500 error", answer);
    }

    [Fact]
    public void TheCardShowsTheTextItHolds()
    {
        var item = ShippedCatalog.Item("report-incident");
        var card = IntakeCard.Build(item, IntakeCard.FromMessage(item, "the payroll system is down")).ToAttachment().Content!.Value;

        Assert.Contains("[text] What happened?: the payroll system is down", CardText.Render(card).Text);
    }
}

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

        Assert.Contains("  What happened?: the payroll system is down", CardText.Render(card).Text);
    }

    private static JsonElement HardwareInput(string id) =>
        CardTexts.Input(IntakeCard.Build(ShippedCatalog.Item("hardware-request"), today: new DateOnly(2026, 12, 5)).ToAttachment().Content!.Value, id);

    [Theory]
    [InlineData("quantity", "two\n2\n", "! \"two\" is not a number: it must be a number from 1 to 5.")]
    [InlineData("quantity", "9\n2\n", "! It must be a number from 1 to 5.")]
    [InlineData("items", "9\n1\n", "! \"9\" is not one of the choices: pick 1 to 6.")]
    [InlineData("neededBy", "2020-01-01\n\n", "! It must be 2026-12-05 or later.")]
    [InlineData("neededBy", "next week\n\n", "! \"next week\" is not a date: use the form yyyy-mm-dd.")]
    public async Task AWrongAnswerIsToldWhatIsWrongWithIt(string field, string typed, string expected)
    {
        var output = new StringWriter();

        var answer = await InputPrompt.AskAsync(HardwareInput(field), new StringReader(typed), output);

        Assert.NotNull(answer);
        Assert.Contains(expected, output.ToString());
        Assert.DoesNotContain("is required", output.ToString());
    }

    [Theory]
    [InlineData("quantity", "How many of each: a number from 1 to 5.")]
    [InlineData("items", "What do you need?: pick one or more from the list.")]
    [InlineData("neededBy", "Needed by: a date, today or later.")]
    [InlineData("deliverTo", "Deliver to (office and desk): please fill this in.")]
    public void TheCardsErrorMessageSaysWhatAnAnswerMustBe(string field, string expected)
    {
        Assert.Equal(expected, CardText.Str(HardwareInput(field), "errorMessage"));
    }

    [Fact]
    public void ADateThatMayNotBeInThePastStartsAtTodayOnTheCard()
    {
        Assert.Equal("2026-12-05", CardText.Str(HardwareInput("neededBy"), "min"));
    }
}

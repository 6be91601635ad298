using System.Text.Json;
using System.Text.Json.Nodes;
using HelpdeskBot.Catalog;
using HelpdeskBot.Protocol.Cards;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Tests.Catalog;

public class IntakeCardTests
{
    private static JsonObject Json(AdaptiveCard card) => JsonNode.Parse(JsonSerializer.Serialize(card, ProtocolJson.Options))!.AsObject();

    private static IEnumerable<JsonObject> Elements(JsonObject card) => card["body"]!.AsArray().Select(e => e!.AsObject());

    private static JsonObject Input(JsonObject card, string id) => Elements(card).Single(e => (string?)e["id"] == id);

    [Fact]
    public void EveryFieldBecomesAnInputWithClientSideChecks()
    {
        var card = Json(IntakeCard.Build(ShippedCatalog.Item("password-reset")));

        var number = Input(card, "employeeNumber");
        Assert.Equal("Input.Text", (string?)number["type"]);
        Assert.Equal("^[0-9]{6}$", (string?)number["regex"]);
        Assert.True((bool?)number["isRequired"]);
        Assert.Equal("An employee number is 6 digits.", (string?)number["errorMessage"]);
        Assert.Equal("Employee number", (string?)number["label"]);
        Assert.Equal("123456", (string?)number["placeholder"]);
        Assert.Equal("Input.ChoiceSet", (string?)Input(card, "account")["type"]);
    }

    [Fact]
    public void EachFieldTypeGetsItsInput()
    {
        var card = Json(IntakeCard.Build(ShippedCatalog.Item("hardware-request")));

        Assert.True((bool?)Input(card, "items")["isMultiSelect"]);
        Assert.Equal(("Input.Number", 1.0, 5.0), ((string?)Input(card, "quantity")["type"], (double?)Input(card, "quantity")["min"], (double?)Input(card, "quantity")["max"]));
        Assert.Equal("Input.Toggle", (string?)Input(card, "replacement")["type"]);
        Assert.Equal("Input.Date", (string?)Input(card, "neededBy")["type"]);
    }

    [Fact]
    public void SubmitCarriesTheItemAndATokenNewPerBuild()
    {
        var item = ShippedCatalog.Item("access-request");

        var first = Submit(Json(IntakeCard.Build(item)));
        var second = Submit(Json(IntakeCard.Build(item)));

        Assert.Equal("Action.Execute", (string?)first["type"]);
        Assert.Equal("catalog.submit", (string?)first["verb"]);
        Assert.Equal(("catalog.submit", "access-request"), ((string?)first["data"]!["action"], (string?)first["data"]!["item"]));
        Assert.Equal(32, ((string?)first["data"]!["token"])!.Length);
        Assert.NotEqual((string?)first["data"]!["token"], (string?)second["data"]!["token"]);
        Assert.Equal((string?)first["data"]!["token"], (string?)first["fallback"]!["data"]!["token"]);
    }

    [Fact]
    public void AnErrorsCardKeepsWhatWasTypedAndShowsEachErrorUnderItsField()
    {
        var item = ShippedCatalog.Item("report-incident");
        var result = IntakeValidator.Validate(item, new Dictionary<string, string?> { ["service"] = "vpn", ["description"] = new string('x', 100 * 1024), ["affected"] = "me" });

        var card = Json(IntakeCard.Build(item, result.Submitted, result.Errors));

        Assert.Equal("vpn", (string?)Input(card, "service")["value"]);
        Assert.Equal(4000, ((string?)Input(card, "description")["value"])!.Length);
        var texts = Elements(card).Select(e => e.ToJsonString()).ToList();
        var descriptionAt = texts.FindIndex(t => t.Contains("\"id\":\"description\""));
        Assert.Contains("too long", texts[descriptionAt + 2]);
        Assert.Contains("How urgent is it?: please fill this in.", string.Join("", texts));
    }

    [Fact]
    public void CatalogTextNeverBecomesMarkup()
    {
        var item = new CatalogItem
        {
            Id = "x", Kind = "request", Title = "**Bold** [click](https://evil.example)", Description = "<b>hi</b> ${secret}",
            Fields = [new CatalogField { Id = "f", Label = "[Label](https://evil.example)", Type = "text", Help = "_help_" }],
        };

        var card = Json(IntakeCard.Build(item));

        Assert.DoesNotContain(Elements(card), e => (string?)e["type"] == "TextBlock");
        Assert.Contains(Elements(card), e => e.ToJsonString().Contains("\"text\":\"**Bold** [click](https://evil.example)\""));
    }

    [Fact]
    public void TheChoiceCardOffersThreeItemsAndSomethingElse()
    {
        var matches = new CatalogMatcher(ShippedCatalog.Catalog).Match("request");

        var card = Json(CatalogChoiceCard.Build(matches.Matches.Select(m => m.Item)));

        var opens = card.ToJsonString().Split("\"type\":\"Action.Execute\",\"verb\":\"catalog.open\"").Length - 1;
        var items = Elements(card).Where(e => (string?)e["type"] == "ActionSet")
            .Select(e => (string?)e["actions"]![0]!["data"]!["item"]).ToList();
        Assert.Equal(3, items.Count);
        Assert.DoesNotContain(ServiceCatalog.OtherRequestId, items);
        Assert.Equal(ServiceCatalog.OtherRequestId, (string?)card["actions"]![0]!["data"]!["item"]);
        Assert.Equal(4, opens);
    }

    private static JsonObject Submit(JsonObject card) => card["actions"]!.AsArray().Single()!.AsObject();
}

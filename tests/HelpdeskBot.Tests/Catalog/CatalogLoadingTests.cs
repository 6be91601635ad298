using System.Text.Json.Nodes;
using HelpdeskBot.Catalog;
using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Tests.Catalog;

public class CatalogLoadingTests
{
    [Fact]
    public void TheShippedCatalogLoadsWithEveryItemTheIssueAsksFor()
    {
        var catalog = ShippedCatalog.Catalog;

        Assert.Equal(
            ["access-request", "hardware-request", "new-starter", "other-request", "password-reset", "report-incident", "software-install"],
            catalog.Items.Select(i => i.Id).Order());
        Assert.Equal(CatalogItem.Incident, catalog.Find("report-incident")!.Kind);
        Assert.Equal(CatalogApproval.ManagerType, catalog.Find("hardware-request")!.Approval.Type);
        var everyType = catalog.Items.SelectMany(i => i.Fields).Select(f => f.Type).ToHashSet();
        Assert.Superset(CatalogFieldTypes.All.ToHashSet(), everyType);
        Assert.Subset(CatalogFieldTypes.All.ToHashSet(), everyType);
    }

    [Fact]
    public void FinanceSystemsNeedTheFinanceApproversOthersTheManager()
    {
        var access = ShippedCatalog.Item("access-request");

        var finance = access.ApprovalFor(new Dictionary<string, string> { ["system"] = "finance-share" });
        var jira = access.ApprovalFor(new Dictionary<string, string> { ["system"] = "jira" });

        Assert.Equal((CatalogApproval.GroupType, "finance-approvers"), (finance.Type, finance.Group));
        Assert.NotEmpty(finance.Approvers);
        Assert.Equal(CatalogApproval.ManagerType, jira.Type);
    }

    public static TheoryData<string, Action<JsonObject>, string> Mistakes => new()
    {
        { "duplicate id", c => Item(c, 1)["id"] = "password-reset", "item 'password-reset': the id is used 2 times" },
        { "unknown field type", c => Field(c, "password-reset", 0)["type"] = "dropdown", "item 'password-reset', field 'account': type 'dropdown' is not one of" },
        { "invalid regex", c => Field(c, "password-reset", 2)["pattern"] = "^[0-9{6$", "item 'password-reset', field 'employeeNumber': pattern '^[0-9{6$' is not a valid regular expression" },
        { "choice without choices", c => Field(c, "password-reset", 0)["choices"] = new JsonArray(), "item 'password-reset', field 'account': a choice field needs choices" },
        { "unknown approval type", c => Item(c, 0)["approval"] = new JsonObject { ["type"] = "ceo" }, "item 'password-reset', approval: type 'ceo' is not one of none, manager, group" },
        { "group without approvers", c => Item(c, 0)["approval"] = new JsonObject { ["type"] = "group", ["group"] = "x" }, "item 'password-reset', approval: a group approval needs approvers" },
        { "unknown kind", c => Item(c, 0)["kind"] = "problem", "item 'password-reset': kind 'problem' is not one of request, incident" },
        { "bad impact", c => Item(c, 0)["defaultImpact"] = "huge", "item 'password-reset': defaultImpact 'huge' is not high, medium or low" },
        { "mapping to an unknown choice", c => ((JsonObject)Item(c, 5)["impactFrom"]!["values"]!)["planet"] = "high", "item 'report-incident', impactFrom: 'planet' is not a choice of 'affected'" },
        { "message field that is a choice", c => Item(c, 0)["messageField"] = "account", "item 'password-reset': messageField 'account' names no text or multiline field of the item" },
        { "message field the item lacks", c => Item(c, 0)["messageField"] = "story", "item 'password-reset': messageField 'story' names no text or multiline field" },
        { "range on a text field", c => Field(c, "password-reset", 2)["min"] = 1, "field 'employeeNumber': only number fields can have min/max" },
        { "misspelt property", c => Item(c, 0)["keywrds"] = new JsonArray(), "not valid catalog JSON at $.items[0]" },
        { "null fields", c => Item(c, 0)["fields"] = null, "not valid catalog JSON" },
        { "reserved field id", c => Field(c, "password-reset", 1)["id"] = "token", "item 'password-reset', field 'token': the id is reserved for the card's own data" },
        { "null keyword", c => Item(c, 0)["keywords"]!.AsArray().Add(null), "an item, field, choice, keyword, example or approval rule is null" },
        { "null example", c => Item(c, 0)["examples"]!.AsArray().Add(null), "an item, field, choice, keyword, example or approval rule is null" },
        { "empty example", c => Item(c, 0)["examples"]!.AsArray().Add(" "), "item 'password-reset': an example is empty or longer than 500 characters" },
        { "null item", c => c["items"]!.AsArray().Add(null), "is null" },
        { "no items", c => c["items"] = new JsonArray(), "no items" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void EachKindOfMistakeIsReportedWithTheFileItemAndField(string mistake, Action<JsonObject> breakIt, string expected)
    {
        var catalog = JsonNode.Parse(File.ReadAllText(ShippedCatalog.FilePath))!.AsObject();
        breakIt(catalog);

        var error = Assert.Throws<CatalogFormatException>(() => ServiceCatalog.Parse(catalog.ToJsonString(), "broken-catalog.json"));

        Assert.Contains("broken-catalog.json", error.Message);
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{mistake}: {error.Message}");
    }

    [Fact]
    public void NotJsonAtAllIsAClearError()
    {
        var error = Assert.Throws<CatalogFormatException>(() => ServiceCatalog.Parse("{ \"items\": [ {", "catalog.json"));

        Assert.Contains("catalog.json: not valid catalog JSON", error.Message);
    }

    [Fact]
    public async Task TheAppRefusesToStartWithABrokenCatalog()
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, File.ReadAllText(ShippedCatalog.FilePath).Replace("\"type\": \"multichoice\"", "\"type\": \"checkboxes\""));
        try
        {
            var error = Assert.IsType<OptionsValidationException>(
                await HelpdeskBotFactory.StartupErrorAsync(new Dictionary<string, string?> { ["Catalog:Path"] = path }));

            Assert.Contains(path, error.Message);
            Assert.Contains("type 'checkboxes' is not one of", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task TheAppLoadsTheShippedCatalogAtStartup()
    {
        await using var factory = new HelpdeskBotFactory();
        _ = factory.CreateClient();

        var catalog = factory.Services.GetRequiredService<ServiceCatalog>();

        Assert.NotNull(catalog.Find("access-request"));
        Assert.True(factory.Services.GetRequiredService<CatalogMatcher>().Match("new laptop please").IsSure);
    }

    private static JsonObject Item(JsonObject catalog, int index) => catalog["items"]![index]!.AsObject();

    private static JsonObject Field(JsonObject catalog, string itemId, int index) =>
        catalog["items"]!.AsArray().Single(i => (string?)i!["id"] == itemId)!["fields"]![index]!.AsObject();
}

using System.Text.Json;
using HelpdeskBot.Catalog;

namespace HelpdeskBot.Tests.Catalog;

public class IntakeValidatorTests
{
    private readonly IntakeValidator _validator = new(ShippedCatalog.Catalog);

    private IntakeResult Submit(string item, object values) => _validator.Validate(item, JsonSerializer.SerializeToElement(values));

    [Fact]
    public void ACompleteFormGivesNormalizedValues()
    {
        var result = Submit("hardware-request", new
        {
            action = "catalog.submit", item = "hardware-request", token = "abc",
            items = "laptop, monitor,laptop", quantity = "2", replacement = "True", neededBy = "2026-12-01", deliverTo = "  London, desk 42 ",
        });

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Values));
        Assert.Equal("laptop,monitor", result.Values["items"]);
        Assert.Equal("2", result.Values["quantity"]);
        Assert.Equal("true", result.Values["replacement"]);
        Assert.Equal("2026-12-01", result.Values["neededBy"]);
        Assert.Equal("London, desk 42", result.Values["deliverTo"]);
        Assert.False(result.Values.ContainsKey("action")); // card data and unknown fields are not answers
        Assert.Equal(CatalogApproval.ManagerType, result.Approval!.Type);
    }

    [Fact]
    public void MissingRequiredFieldsAreEachNamed()
    {
        var result = Submit("access-request", new { level = "read" });

        Assert.False(result.IsValid);
        Assert.Equal(["justification", "system"], result.Errors.Keys.Order());
        Assert.Contains("System: please fill this in.", result.Errors["system"]);
    }

    [Fact]
    public void AValueThatFailsThePatternGetsTheCatalogsMessageAndIsKeptForTheCard()
    {
        var result = Submit("password-reset", new { account = "m365", need = "reset", employeeNumber = "12ab" });

        Assert.Equal("Employee number: An employee number is 6 digits.", result.Errors["employeeNumber"]);
        Assert.Equal("12ab", result.Submitted["employeeNumber"]);
    }

    [Fact]
    public void HundredKilobytesOfTextIsACleanErrorNotACrash()
    {
        var huge = new string('x', 100 * 1024);

        var result = Submit("report-incident", new { service = "vpn", description = huge, affected = "me", urgency = "low" });

        Assert.Equal("What happened?: 102,400 characters is too long; the limit is 4,000.", result.Errors["description"]);
        Assert.Equal(huge[..4000], result.Submitted["description"]); // shown again up to the limit: the card stays small enough for Teams
        Assert.DoesNotContain("description", result.Values.Keys);
    }

    [Theory]
    [InlineData("service", "database", "Service: \"database\" is not one of the choices; pick from the list.")]
    [InlineData("affected", "me,everyone", "Who is affected?: \"me,everyone\" is not one of the choices; pick from the list.")]
    [InlineData("urgency", "", "How urgent is it?: please fill this in.")]
    public void AChoiceOutsideTheItemsChoicesIsRefused(string field, string value, string expected)
    {
        var values = new Dictionary<string, string?> { ["service"] = "vpn", ["description"] = "down", ["affected"] = "me", ["urgency"] = "low", [field] = value };

        var result = IntakeValidator.Validate(ShippedCatalog.Item("report-incident"), values);

        Assert.Equal(expected, result.Errors[field]);
    }

    [Theory]
    [InlineData("quantity", "0", "How many of each: must be a number from 1 to 5.")]
    [InlineData("quantity", "two", "How many of each: \"two\" is not a number; enter a number from 1 to 5.")]
    [InlineData("quantity", "NaN", "How many of each: \"NaN\" is not a number; enter a number from 1 to 5.")]
    [InlineData("neededBy", "01/12/2026", "Needed by: \"01/12/2026\" is not a date; use yyyy-mm-dd.")]
    [InlineData("neededBy", "2026-02-30", "Needed by: \"2026-02-30\" is not a date; use yyyy-mm-dd.")]
    [InlineData("replacement", "yes", "This replaces broken equipment: expected true or false.")]
    [InlineData("items", "laptop,spaceship", "What do you need?: \"laptop,spaceship\" is not one of the choices; pick from the list.")]
    public void NumbersDatesTogglesAndMultiChoicesAreChecked(string field, string value, string expected)
    {
        var values = new Dictionary<string, string?> { ["items"] = "laptop", ["quantity"] = "1", ["deliverTo"] = "desk 4", [field] = value };

        var result = IntakeValidator.Validate(ShippedCatalog.Item("hardware-request"), values);

        Assert.Equal(expected, result.Errors[field]);
        Assert.Single(result.Errors);
    }

    [Theory]
    [InlineData("2020-01-01", "Needed by: must be today or later; 2020-01-01 has passed.")]
    [InlineData("2026-12-04", "Needed by: must be today or later; 2026-12-04 has passed.")]
    [InlineData("2026-12-05", null)]
    [InlineData("2027-01-10", null)]
    public void ADateThatMayNotBeInThePastMustBeTodayOrLater(string neededBy, string? expected)
    {
        var values = new Dictionary<string, string?> { ["items"] = "laptop", ["quantity"] = "1", ["deliverTo"] = "desk 4", ["neededBy"] = neededBy };

        var result = IntakeValidator.Validate(ShippedCatalog.Item("hardware-request"), values, today: new DateOnly(2026, 12, 5));

        Assert.Equal(expected, result.Errors.GetValueOrDefault("neededBy"));
    }

    [Theory]
    [InlineData("no-such-item")]
    [InlineData(null)]
    public void ATamperedItemIdIsAFormErrorNotAnException(string? item)
    {
        var result = _validator.Validate(item, JsonSerializer.SerializeToElement(new { summary = "x" }));

        Assert.False(result.IsValid);
        Assert.Null(result.Item);
        Assert.Contains("no longer exists", result.Errors[IntakeResult.FormError]);
    }

    [Fact]
    public void ForgedNonTextValuesFailTheFieldsChecks()
    {
        var result = Submit("report-incident", new { service = new[] { "vpn" }, description = 42, affected = new { me = true }, urgency = "high" });

        Assert.Equal(["affected", "service"], result.Errors.Keys.Order());
        Assert.Equal("42", result.Values["description"]);
    }

    [Theory]
    [InlineData("me", "low", "low", "low")]
    [InlineData("team", "medium", "medium", "medium")]
    [InlineData("everyone", "high", "high", "high")]
    public void AnIncidentsImpactAndUrgencyComeFromItsAnswers(string affected, string urgency, string expectedImpact, string expectedUrgency)
    {
        var result = Submit("report-incident", new { service = "email", description = "Outlook crashes", affected, urgency });

        Assert.True(result.IsValid);
        Assert.Equal((expectedImpact, expectedUrgency), (result.Impact, result.Urgency));
    }

    [Fact]
    public void ARequestTakesTheItemsDefaultImpactAndUrgency()
    {
        var result = Submit("password-reset", new { account = "vpn", need = "unlock", employeeNumber = "123456" });

        Assert.True(result.IsValid);
        Assert.Equal(("low", "high"), (result.Impact, result.Urgency));
    }
}

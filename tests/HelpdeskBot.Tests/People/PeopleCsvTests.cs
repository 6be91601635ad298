using HelpdeskBot.People;

namespace HelpdeskBot.Tests.People;

/// <summary>Reading people CSV files: quoting as spreadsheets write it, and bad lines named by their line number.</summary>
public sealed class PeopleCsvTests
{
    private static PeopleCsv.Parsed Parse(string text) => PeopleCsv.Parse(new StringReader(text));

    [Fact]
    public void QuotedFieldsMayHoldCommasDoubledQuotesAndLineBreaks()
    {
        var parsed = Parse(
            "Email,NAME,department,location,manager_email\r\n" +
            "a@contoso.example,\"O'Brien, Siobhan\",HR,\"Dublin\r\nFloor 2\",\r\n" +
            "b@contoso.example,\"Radia \"\"Mother\"\" Perlman\",\"\",Vienna,a@contoso.example\n");

        Assert.Empty(parsed.Errors);
        Assert.Equal([2, 4], parsed.Records.Select(r => r.Line));
        var (first, second) = (parsed.Records[0].Record, parsed.Records[1].Record);
        Assert.Equal(("O'Brien, Siobhan", "Dublin\r\nFloor 2", ""), (first.Name, first.Location, first.ManagerEmail));
        Assert.Equal(("Radia \"Mother\" Perlman", "", "a@contoso.example"), (second.Name, second.Department, second.ManagerEmail));
    }

    [Fact]
    public void ColumnsMayComeInAnyOrderAndOptionalOnesMayBeLeftOut()
    {
        var parsed = Parse("email,name,teams_id\na@contoso.example,Ann,29:ann\n\n");

        var record = Assert.Single(parsed.Records).Record;
        Assert.Equal(new PersonRecord("a@contoso.example", "Ann", TeamsId: "29:ann"), record);
        Assert.Null(record.Department); // left out: the stored value is kept
    }

    [Theory]
    [InlineData("name,department\n", "line 1: the header has no 'email' column")]
    [InlineData("name,email,manager\n", "line 1: unknown column 'manager'")]
    [InlineData("name,email,Email\n", "line 1: the column 'email' is named twice")]
    public void AnUnusableHeaderIsOneErrorAndNothingIsRead(string csv, string error)
    {
        var parsed = Parse(csv + "Ann,a@contoso.example\n");

        Assert.True(parsed.Unreadable);
        Assert.StartsWith(error, Assert.Single(parsed.Errors).ToString());
    }

    [Fact]
    public void AnEmptyFileSaysWhatTheFirstLineMustBe() =>
        Assert.StartsWith("the file is empty: the first line must name the columns", Assert.Single(Parse("").Errors).ToString());

    [Fact]
    public void BadLinesAreReportedWithTheirLineNumbersAndTheOthersAreRead()
    {
        var parsed = Parse(
            "name,email\n" +
            "Ann,a@contoso.example\n" +
            "Bob\n" +
            "\"Cy\"x,c@contoso.example\n" +
            "Dee,d@contoso.example\n" +
            "\"Eve,e@contoso.example\n");

        Assert.Equal(["a@contoso.example", "d@contoso.example"], parsed.Records.Select(r => r.Record.Email));
        Assert.Equal(
            ["line 3: 1 fields, but the header names 2 columns",
             "line 4: field 1: after a closing quote comes 'x'; expected a comma or the end of the line",
             "line 6: a quoted field is not closed (a \" is missing)"],
            parsed.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void AHundredKilobyteFieldIsReadWholeAndRefusedByTheRecordWithItsLength()
    {
        var huge = new string('x', 100 * 1024);
        var parsed = Parse($"name,email\n\"{huge}\",a@contoso.example\n");

        var record = Assert.Single(parsed.Records).Record;
        Assert.Equal(huge, record.Name);
        Assert.Equal(["name is 102,400 characters; the limit is 256"], record.Problems());
    }

    [Theory]
    [InlineData("", "the email is missing")]
    [InlineData("not-an-email", "'not-an-email' is not an email address")]
    [InlineData("Ann <a@contoso.example>", "is not an email address")]
    [InlineData("a b@contoso.example", "is not an email address")]
    public void BadEmailsAreNamed(string email, string problem) =>
        Assert.Contains(problem, Assert.Single(new PersonRecord(email).Problems()));
}

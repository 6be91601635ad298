using HelpdeskBot.Tickets;
using Microsoft.Extensions.Configuration;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>Priority from impact x urgency, the ITIL default and a configured override, checked complete at start.</summary>
public sealed class PriorityMatrixTests
{
    [Theory]
    [InlineData(TicketImpact.High, TicketUrgency.High, TicketPriority.P1)]
    [InlineData(TicketImpact.High, TicketUrgency.Medium, TicketPriority.P2)]
    [InlineData(TicketImpact.Medium, TicketUrgency.High, TicketPriority.P2)]
    [InlineData(TicketImpact.High, TicketUrgency.Low, TicketPriority.P3)]
    [InlineData(TicketImpact.Medium, TicketUrgency.Medium, TicketPriority.P3)]
    [InlineData(TicketImpact.Low, TicketUrgency.High, TicketPriority.P3)]
    [InlineData(TicketImpact.Medium, TicketUrgency.Low, TicketPriority.P4)]
    [InlineData(TicketImpact.Low, TicketUrgency.Medium, TicketPriority.P4)]
    [InlineData(TicketImpact.Low, TicketUrgency.Low, TicketPriority.P4)]
    public void TheDefaultIsTheItilThreeByThree(TicketImpact impact, TicketUrgency urgency, TicketPriority expected)
    {
        var ticket = TicketTestData.New(input: TicketTestData.Request(impact: impact, urgency: urgency));

        Assert.Equal(expected, ticket.Priority);
    }

    [Fact]
    public void AConfiguredCellOverridesTheDefaultAndLeavesTheRest()
    {
        var options = Bind(new() { ["Tickets:PriorityMatrix:low:low"] = "P3", ["Tickets:PriorityMatrix:High:Medium"] = "p1" });

        var matrix = TicketPolicy.From(options).Matrix;

        Assert.Equal(TicketPriority.P3, matrix.For(TicketImpact.Low, TicketUrgency.Low));
        Assert.Equal(TicketPriority.P1, matrix.For(TicketImpact.High, TicketUrgency.Medium));
        Assert.Equal(TicketPriority.P4, matrix.For(TicketImpact.Medium, TicketUrgency.Low));
        Assert.Equal(3, options.PriorityMatrix.Count);
    }

    [Fact]
    public void AMatrixWithAMissingCellOrAnUnknownKeyIsRefusedNamingIt()
    {
        var options = new TicketsOptions();
        options.PriorityMatrix["Medium"].Remove("Low");
        options.PriorityMatrix["Severe"] = new() { ["High"] = TicketPriority.P1 };

        var result = new TicketsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Tickets:PriorityMatrix:Medium:Low is missing", result.FailureMessage);
        Assert.Contains("unknown impact 'Severe'", result.FailureMessage);
        Assert.Throws<ArgumentException>(() => new PriorityMatrix(options.PriorityMatrix));
    }

    [Fact]
    public void TheShippedSettingsAreValid()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Infrastructure.RepositoryRoot.Path, "appsettings.json")).Build();
        var options = configuration.GetSection(TicketsOptions.SectionName).Get<TicketsOptions>()!;

        Assert.True(new TicketsOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.FromDays(3), options.Sla.P3.Resolution);
    }

    private static TicketsOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new TicketsOptions();
        configuration.GetSection(TicketsOptions.SectionName).Bind(options);
        return options;
    }
}

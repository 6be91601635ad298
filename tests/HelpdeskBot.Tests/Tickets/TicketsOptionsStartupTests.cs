using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>Bad ticket settings stop the app at start with a message naming the setting.</summary>
public sealed class TicketsOptionsStartupTests
{
    [Fact]
    public async Task ABusinessHoursCalendarInAnUnknownTimeZoneStopsTheAppAtStart()
    {
        await using var app = new HelpdeskBotFactory(new Dictionary<string, string?>
        {
            ["Tickets:Sla:BusinessHours:TimeZone"] = "Mars/Olympus",
        });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("Tickets:Sla:BusinessHours:TimeZone 'Mars/Olympus' is not a known time zone", error.Message);
    }
}

using HelpdeskBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>Bad ticket settings stop the app at start with a message naming the setting.</summary>
public sealed class TicketsOptionsStartupTests
{
    [Fact]
    public async Task ABusinessHoursCalendarInAnUnknownTimeZoneStopsTheAppAtStart()
    {
        var error = Assert.IsType<OptionsValidationException>(await HelpdeskBotFactory.StartupErrorAsync(new Dictionary<string, string?>
        {
            ["Tickets:Sla:BusinessHours:TimeZone"] = "Mars/Olympus",
        }));

        Assert.Contains("Tickets:Sla:BusinessHours:TimeZone 'Mars/Olympus' is not a known time zone", error.Message);
    }
}

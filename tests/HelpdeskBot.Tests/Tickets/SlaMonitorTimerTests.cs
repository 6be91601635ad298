using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>The hosted SLA monitor driven by its timer on the manual clock (checking every minute).</summary>
public sealed class SlaMonitorTimerTests() : TicketsApp(new() { ["Tickets:MonitorInterval"] = "00:01:00" })
{
    private static NewTicket Outage() => SlaMonitorTests.P1Incident();

    private SlaMonitor Monitor => App.Services.GetRequiredService<SlaMonitor>();

    [Fact]
    public async Task TheMonitorsTimerRaisesTheFirstResponseWarningAt75PercentThenTheBreach()
    {
        var ticket = await WithTicketsAsync(t => t.CreateAsync(Outage(), SubmissionKey.Chat("k")));

        Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Empty(await Monitor.CheckAsync(default)); // 73%: nothing yet
        Clock.Advance(TimeSpan.FromMinutes(1)); // 12 min: the timer fires and the monitor checks
        await Events.WaitForAlertsAsync(1);
        Clock.Advance(TimeSpan.FromMinutes(3)); // 15 min
        await Events.WaitForAlertsAsync(2);

        Assert.Equal([(SlaTarget.FirstResponse, SlaLevel.Warning), (SlaTarget.FirstResponse, SlaLevel.Breached)],
            Events.Alerts.Select(a => (a.Target, a.Level)));
        Assert.All(Events.Alerts, a => Assert.Equal(ticket.Number, a.TicketNumber));
    }

    [Fact]
    public async Task MonitorsCheckingAtOnceRaiseEachAlertOnce()
    {
        await WithTicketsAsync(t => t.CreateAsync(Outage(), SubmissionKey.Chat("k")));
        Clock.Advance(TimeSpan.FromMinutes(12)); // the hosted monitor's timer fires too: three checks race

        await Task.WhenAll(Task.Run(() => Monitor.CheckAsync(default)), Task.Run(() => Monitor.CheckAsync(default)));
        await Events.WaitForAlertsAsync(1);

        Assert.Single(Events.Alerts);
        Assert.Equal(1, await WithDbAsync(db => db.Set<TicketJournalEntry>().CountAsync(e => e.Kind == JournalKind.SlaWarning)));
    }
}

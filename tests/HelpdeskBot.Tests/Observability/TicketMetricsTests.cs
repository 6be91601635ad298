using HelpdeskBot.Observability;
using HelpdeskBot.Tests.Tickets;
using HelpdeskBot.Tickets;
using Microsoft.Extensions.DependencyInjection;
using static HelpdeskBot.Tests.Tickets.TicketTestData;

namespace HelpdeskBot.Tests.Observability;

/// <summary>Tickets created and SLA alerts raised, as the HelpdeskBot meter counts them (the monitor's timer set to a day: the test checks).</summary>
public sealed class TicketMetricsTests() : TicketsApp(new() { ["Tickets:MonitorInterval"] = "1.00:00:00" })
{
    private static NewTicket P1Incident() => new(TicketKind.Incident, "Email is down", Requester, TicketImpact.High, TicketUrgency.High);

    [Fact]
    public async Task TicketsAreCountedByKindOncePerTicketNotPerSubmission()
    {
        using var metrics = new MetricsRecorder(App.Services, HelpdeskMetrics.MeterName);

        await WithTicketsAsync(t => t.CreateAsync(P1Incident(), SubmissionKey.Chat("incident")));
        await WithTicketsAsync(t => t.CreateAsync(P1Incident(), SubmissionKey.Chat("incident"))); // a double click
        await WithTicketsAsync(t => t.CreateAsync(Request(), SubmissionKey.Chat("request")));

        var created = metrics.Of("helpdesk.tickets.created");
        Assert.Equal(1, created.Where(m => Equals(m.Tags["ticket.kind"], "incident")).Sum(m => m.Value));
        Assert.Equal(1, created.Where(m => Equals(m.Tags["ticket.kind"], "request")).Sum(m => m.Value));
    }

    [Fact]
    public async Task TheMonitorsWarningAndBreachAreCountedByTarget()
    {
        await WithTicketsAsync(t => t.CreateAsync(P1Incident(), SubmissionKey.Chat("k"))); // first response due in 15 min
        using var metrics = new MetricsRecorder(App.Services, HelpdeskMetrics.MeterName);

        Clock.Advance(TimeSpan.FromMinutes(12));
        await App.Services.GetRequiredService<SlaMonitor>().CheckAsync(default);
        Clock.Advance(TimeSpan.FromMinutes(4));
        await App.Services.GetRequiredService<SlaMonitor>().CheckAsync(default);

        Assert.Equal([1.0], metrics.Of("helpdesk.sla.warnings").Where(m => Equals(m.Tags["sla.target"], "FirstResponse")).Select(m => m.Value));
        Assert.Equal([1.0], metrics.Of("helpdesk.sla.breaches").Where(m => Equals(m.Tags["sla.target"], "FirstResponse")).Select(m => m.Value));
    }
}

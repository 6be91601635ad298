using HelpdeskBot.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HelpdeskBot.Tests.Tickets.TicketTestData;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>
/// The SLA monitor's checks on a manual clock: 75% warnings and breaches, journalled and published exactly once. The
/// hosted monitor's own timer is set to a day so that only the test's checks run (SlaMonitorTimerTests covers the timer).
/// </summary>
public sealed class SlaMonitorTests() : TicketsApp(new() { ["Tickets:MonitorInterval"] = "1.00:00:00" })
{
    // P1: first response 15 min (warning at 11:15), resolution 4 h (warning at 3 h).
    private static NewTicket Outage() => new(TicketKind.Incident, "Email is down", Requester, TicketImpact.High, TicketUrgency.High);

    private SlaMonitor Monitor => App.Services.GetRequiredService<SlaMonitor>();

    internal static NewTicket P1Incident() => Outage();

    [Fact]
    public async Task EachAlertIsRaisedOnceHoweverOftenTheMonitorLooks()
    {
        var ticket = await WithTicketsAsync(t => t.CreateAsync(Outage(), SubmissionKey.Chat("k")));
        await WithTicketsAsync(t => t.ChangeStateAsync(ticket.Number, TicketState.InProgress, Agent)); // responded

        var raised = new List<SlaAlert>();
        foreach (var minutes in new[] { 170, 180, 181, 200, 239, 240, 241, 600 })
        {
            Clock.Advance(TimeSpan.FromMinutes(minutes) - (Clock.GetUtcNow() - Monday9));
            raised.AddRange(await Monitor.CheckAsync(default));
        }

        Assert.Equal([(SlaTarget.Resolution, SlaLevel.Warning), (SlaTarget.Resolution, SlaLevel.Breached)],
            raised.Select(a => (a.Target, a.Level)));
        var journal = (await WithTicketsAsync(t => t.FindByNumberAsync(ticket.Number)))!.Journal;
        Assert.Equal([Monday9.AddHours(3), Monday9.AddHours(4)],
            journal.Where(e => e.Kind is JournalKind.SlaWarning or JournalKind.SlaBreach).Select(e => e.At));
    }

    [Fact]
    public async Task TicketsWaitingOnTheUserOrResolvedRaiseNothing()
    {
        var pending = await WithTicketsAsync(t => t.CreateAsync(Outage(), SubmissionKey.Chat("a")));
        var resolved = await WithTicketsAsync(t => t.CreateAsync(Outage(), SubmissionKey.Chat("b")));
        var awaitingApproval = await WithTicketsAsync(t => t.CreateAsync(Request(approver: Approver), SubmissionKey.Chat("c")));
        await WithTicketsAsync(t => t.ChangeStateAsync(pending.Number, TicketState.InProgress, Agent));
        await WithTicketsAsync(t => t.ChangeStateAsync(pending.Number, TicketState.Pending, Agent));
        await WithTicketsAsync(t => t.ChangeStateAsync(resolved.Number, TicketState.InProgress, Agent));
        await WithTicketsAsync(t => t.ChangeStateAsync(resolved.Number, TicketState.Resolved, Agent));

        Clock.Advance(TimeSpan.FromDays(30));

        Assert.Empty(await Monitor.CheckAsync(default));
        Assert.NotNull(awaitingApproval);
    }

    [Fact]
    public async Task EveryWatchedTicketIsCheckedWhenThereAreMoreThanOneBatch()
    {
        for (var i = 0; i < 7; i++)
        {
            await WithTicketsAsync(t => t.CreateAsync(Outage(), SubmissionKey.Chat($"k{i}")));
        }

        Monitor.BatchSize = 3;
        Clock.Advance(TimeSpan.FromMinutes(12));

        Assert.Equal(7, (await Monitor.CheckAsync(default)).Count);
    }
}

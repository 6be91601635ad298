using HelpdeskBot.Tickets;
using static HelpdeskBot.Tests.Tickets.TicketTestData;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>Due times, pauses while Pending, and the warning and breach each raised once, on the entity.</summary>
public sealed class SlaClockTests
{
    private static readonly TicketPolicy BusinessHours = TicketPolicy.From(new TicketsOptions
    {
        Sla = new SlaOptions { BusinessHours = new BusinessHoursOptions() },
    });

    private static Ticket P2(TicketPolicy policy, DateTimeOffset at) =>
        New(policy, Request(impact: TicketImpact.High, urgency: TicketUrgency.Medium), at);

    [Fact]
    public void DueTimesFollowThePriorityTargets()
    {
        var ticket = P2(DefaultPolicy, Monday9);

        Assert.Equal(TicketPriority.P2, ticket.Priority);
        Assert.Equal(Monday9.AddHours(1), ticket.FirstResponseDueAt);
        Assert.Equal(Monday9.AddHours(8), ticket.ResolutionDueAt);
    }

    [Fact]
    public void WithBusinessHoursAnEveningTicketIsDueNextWorkingDay()
    {
        var friday17 = Monday9.AddDays(4).AddHours(8);

        var ticket = P2(BusinessHours, friday17.AddHours(-1)); // Friday 16:00: one business hour left that day

        Assert.Equal(friday17, ticket.FirstResponseDueAt);
        Assert.Equal(Monday9.AddDays(7).AddHours(7), ticket.ResolutionDueAt); // 1 h Friday + 7 h Monday: 16:00
    }

    [Fact]
    public void TimeSpentPendingMovesTheResolutionDueTime()
    {
        var ticket = P2(DefaultPolicy, Monday9);

        ticket.MoveTo(TicketState.InProgress, Agent, null, DefaultPolicy, Monday9.AddHours(1));
        ticket.MoveTo(TicketState.Pending, Agent, "waiting for the user", DefaultPolicy, Monday9.AddHours(2));
        Assert.Equal(Monday9.AddHours(2), ticket.PausedAt);
        ticket.MoveTo(TicketState.InProgress, Agent, null, DefaultPolicy, Monday9.AddHours(5));

        Assert.Null(ticket.PausedAt);
        Assert.Equal(TimeSpan.FromHours(3), ticket.PausedBusinessTime);
        Assert.Equal(Monday9.AddHours(11), ticket.ResolutionDueAt);
    }

    [Fact]
    public void APauseOverNightOnlyMovesTheDueTimeByTheBusinessTimePaused()
    {
        var ticket = P2(BusinessHours, Monday9);

        ticket.MoveTo(TicketState.InProgress, Agent, null, BusinessHours, Monday9.AddHours(1));
        ticket.MoveTo(TicketState.Pending, Agent, null, BusinessHours, Monday9.AddHours(7)); // Monday 16:00
        ticket.MoveTo(TicketState.InProgress, Agent, null, BusinessHours, Monday9.AddDays(1).AddHours(1)); // Tuesday 10:00

        Assert.Equal(TimeSpan.FromHours(2), ticket.PausedBusinessTime);
        Assert.Equal(Monday9.AddDays(1).AddHours(2), ticket.ResolutionDueAt); // 8 h + 2 h from Monday 09:00: Tuesday 11:00
    }

    [Fact]
    public void NoAlertWhilePendingBecauseTheResolutionClockStandsStill()
    {
        var ticket = P2(DefaultPolicy, Monday9);
        ticket.MoveTo(TicketState.InProgress, Agent, null, DefaultPolicy, Monday9.AddMinutes(5));
        ticket.MoveTo(TicketState.Pending, Agent, null, DefaultPolicy, Monday9.AddHours(1));

        Assert.Empty(ticket.RaiseSlaAlerts(DefaultPolicy.Clock, Monday9.AddDays(3)));
    }

    [Fact]
    public void TheWarningComesAt75PercentAndTheBreachAt100PercentEachOnce()
    {
        var ticket = P2(DefaultPolicy, Monday9);
        ticket.MoveTo(TicketState.InProgress, Agent, null, DefaultPolicy, Monday9.AddMinutes(5)); // first response met
        var clock = DefaultPolicy.Clock;

        Assert.Empty(ticket.RaiseSlaAlerts(clock, Monday9.AddHours(6).AddTicks(-1)));
        var warning = Assert.Single(ticket.RaiseSlaAlerts(clock, Monday9.AddHours(6)));
        Assert.Empty(ticket.RaiseSlaAlerts(clock, Monday9.AddHours(7)));
        var breach = Assert.Single(ticket.RaiseSlaAlerts(clock, Monday9.AddHours(8)));
        Assert.Empty(ticket.RaiseSlaAlerts(clock, Monday9.AddHours(20)));

        Assert.Equal((SlaTarget.Resolution, SlaLevel.Warning), (warning.Target, warning.Level));
        Assert.Equal((SlaTarget.Resolution, SlaLevel.Breached, Monday9.AddHours(8)), (breach.Target, breach.Level, breach.DueAt));
        Assert.Equal([JournalKind.SlaWarning, JournalKind.SlaBreach],
            ticket.Journal.Where(e => e.Kind is JournalKind.SlaWarning or JournalKind.SlaBreach).Select(e => e.Kind));
    }

    [Fact]
    public void AnOverdueTicketFoundLateGetsItsBreachOnlyNotAWarningToo()
    {
        var ticket = P2(DefaultPolicy, Monday9);

        var alerts = ticket.RaiseSlaAlerts(DefaultPolicy.Clock, Monday9.AddDays(1));

        Assert.Equal([(SlaTarget.FirstResponse, SlaLevel.Breached), (SlaTarget.Resolution, SlaLevel.Breached)],
            alerts.Select(a => (a.Target, a.Level)));
        Assert.Empty(ticket.RaiseSlaAlerts(DefaultPolicy.Clock, Monday9.AddDays(2)));
    }
}

namespace HelpdeskBot.Tickets;

public sealed partial class Ticket
{
    /// <summary>When the clocks started: creation, or the approval for a request that needed one.</summary>
    public DateTimeOffset? SlaStartedAt { get; private set; }

    public DateTimeOffset? FirstResponseDueAt { get; private set; }

    /// <summary>Moves later by the business time spent Pending (or Resolved before a reopen).</summary>
    public DateTimeOffset? ResolutionDueAt { get; private set; }

    /// <summary>Set while the resolution clock stands still.</summary>
    public DateTimeOffset? PausedAt { get; private set; }

    /// <summary>Business time of finished pauses.</summary>
    public TimeSpan PausedBusinessTime { get; private set; }

    public bool FirstResponseWarned { get; private set; }
    public bool FirstResponseBreached { get; private set; }
    public bool ResolutionWarned { get; private set; }
    public bool ResolutionBreached { get; private set; }

    /// <summary>
    /// Raises each target's warning and breach at most once, journalling them. A target found already past its due
    /// time (the monitor was down) gets the breach only; its warning is marked as passed.
    /// </summary>
    public IReadOnlyList<SlaAlert> RaiseSlaAlerts(SlaClock clock, DateTimeOffset now)
    {
        var alerts = new List<SlaAlert>();
        if (SlaStartedAt is not { } start || TicketTransitions.IsFinal(State))
        {
            return alerts;
        }

        if (FirstRespondedAt is null)
        {
            var elapsed = clock.Elapsed(start, now, TimeSpan.Zero, null);
            Raise(SlaTarget.FirstResponse, clock.LevelOf(elapsed, clock.Target(Priority, SlaTarget.FirstResponse)), FirstResponseDueAt, now, alerts);
        }

        if (ResolvedAt is null)
        {
            var elapsed = clock.Elapsed(start, now, PausedBusinessTime, PausedAt);
            Raise(SlaTarget.Resolution, clock.LevelOf(elapsed, clock.Target(Priority, SlaTarget.Resolution)), ResolutionDueAt, now, alerts);
        }

        return alerts;
    }

    private void Raise(SlaTarget target, SlaLevel level, DateTimeOffset? due, DateTimeOffset now, List<SlaAlert> alerts)
    {
        var (warned, breached) = target == SlaTarget.FirstResponse
            ? (FirstResponseWarned, FirstResponseBreached)
            : (ResolutionWarned, ResolutionBreached);
        var raise = level switch
        {
            SlaLevel.Breached when !breached => SlaLevel.Breached,
            SlaLevel.Warning when !warned => SlaLevel.Warning,
            _ => SlaLevel.OnTrack,
        };
        if (raise == SlaLevel.OnTrack)
        {
            return;
        }

        (warned, breached) = (true, breached || raise == SlaLevel.Breached);
        (FirstResponseWarned, FirstResponseBreached, ResolutionWarned, ResolutionBreached) = target == SlaTarget.FirstResponse
            ? (warned, breached, ResolutionWarned, ResolutionBreached)
            : (FirstResponseWarned, FirstResponseBreached, warned, breached);
        var kind = raise == SlaLevel.Breached ? JournalKind.SlaBreach : JournalKind.SlaWarning;
        Append(now, SystemActor, kind, null, target.ToString(), due is { } d ? $"{target} due {d:yyyy-MM-dd HH:mm} UTC" : null);
        alerts.Add(new SlaAlert(Number, target, raise, due, now, RequesterId, AssignmentGroup, AssigneeId));
    }

    private void StartSla(SlaClock clock, DateTimeOffset now)
    {
        SlaStartedAt = now;
        FirstResponseDueAt = clock.DueAt(now, clock.Target(Priority, SlaTarget.FirstResponse), TimeSpan.Zero);
        ResolutionDueAt = clock.DueAt(now, clock.Target(Priority, SlaTarget.Resolution), TimeSpan.Zero);
    }

    private void TrackPause(TicketState from, TicketState to, SlaClock clock, DateTimeOffset now)
    {
        if (SlaStartedAt is not { } start)
        {
            return;
        }

        if (!TicketTransitions.PausesResolution(from) && TicketTransitions.PausesResolution(to))
        {
            PausedAt = now;
        }
        else if (PausedAt is { } pausedAt && !TicketTransitions.PausesResolution(to) && !TicketTransitions.IsFinal(to))
        {
            PausedBusinessTime += clock.Calendar.BusinessTimeBetween(pausedAt, now);
            PausedAt = null;
            ResolutionDueAt = clock.DueAt(start, clock.Target(Priority, SlaTarget.Resolution), PausedBusinessTime);
        }
    }
}

namespace HelpdeskBot.Tickets;

/// <summary>
/// The SLA arithmetic for one configuration: targets per priority on a <see cref="SlaCalendar"/>, due times that move
/// by paused business time, elapsed time that leaves pauses out, and whether a target is in warning or breached.
/// </summary>
public sealed class SlaClock(SlaCalendar calendar, SlaOptions options)
{
    public SlaCalendar Calendar => calendar;

    public TimeSpan Target(TicketPriority priority, SlaTarget target) => options.For(priority).For(target);

    public DateTimeOffset DueAt(DateTimeOffset start, TimeSpan target, TimeSpan paused) => calendar.Add(start, target + paused);

    /// <summary>Business time the clock has run: since <paramref name="start"/>, minus finished pauses and the current one.</summary>
    public TimeSpan Elapsed(DateTimeOffset start, DateTimeOffset now, TimeSpan paused, DateTimeOffset? pausedSince)
    {
        var running = calendar.BusinessTimeBetween(start, now) - paused;
        if (pausedSince is { } since)
        {
            running -= calendar.BusinessTimeBetween(since, now);
        }

        return running > TimeSpan.Zero ? running : TimeSpan.Zero;
    }

    /// <summary>Whether <paramref name="elapsed"/> has reached the warning share of <paramref name="target"/>, or all of it.</summary>
    public SlaLevel LevelOf(TimeSpan elapsed, TimeSpan target) =>
        elapsed >= target ? SlaLevel.Breached
        : elapsed >= target * options.WarningAt ? SlaLevel.Warning
        : SlaLevel.OnTrack;
}

namespace HelpdeskBot.Tickets;

/// <summary>
/// Business-time arithmetic: adding business time to an instant and measuring business time between two instants.
/// Without business hours every moment counts. Pure: no clock, no I/O.
/// </summary>
public sealed class SlaCalendar
{
    // Ten years of days: far beyond any target, and a stop for a calendar that somehow has no working time.
    private const int MaxDays = 3660;

    private readonly TimeZoneInfo? _zone;
    private readonly HashSet<DayOfWeek> _workingDays = [];
    private readonly HashSet<DateOnly> _holidays = [];
    private readonly TimeOnly _start;
    private readonly TimeOnly _end;

    public SlaCalendar(BusinessHoursOptions? hours)
    {
        if (hours is null)
        {
            return;
        }

        _zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        _workingDays = [.. hours.WorkingDays ?? DefaultWorkingDays];
        _holidays = [.. hours.Holidays];
        _start = hours.Start;
        _end = hours.End;
    }

    public static SlaCalendar AroundTheClock { get; } = new(null);

    public static IReadOnlyList<DayOfWeek> DefaultWorkingDays { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>The instant at which <paramref name="businessTime"/> of working time has passed since <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan businessTime)
    {
        if (_zone is null || businessTime <= TimeSpan.Zero)
        {
            return start + (businessTime > TimeSpan.Zero ? businessTime : TimeSpan.Zero);
        }

        var remaining = businessTime;
        foreach (var (open, close) in WindowsFrom(start))
        {
            var from = open > start ? open : start;
            if (from >= close)
            {
                continue;
            }

            if (remaining <= close - from)
            {
                return from + remaining;
            }

            remaining -= close - from;
        }

        throw new InvalidOperationException("The business-hours calendar has no working time in the next ten years.");
    }

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        if (_zone is null)
        {
            return to - from;
        }

        var total = TimeSpan.Zero;
        foreach (var (open, close) in WindowsFrom(from))
        {
            if (open >= to)
            {
                break;
            }

            var start = open > from ? open : from;
            var end = close < to ? close : to;
            if (end > start)
            {
                total += end - start;
            }
        }

        return total;
    }

    /// <summary>Whether <paramref name="at"/> is in working time (always, without business hours).</summary>
    public bool IsOpen(DateTimeOffset at) => NextOpening(at) == at;

    /// <summary>
    /// <paramref name="at"/> itself when it is in working time (always, without business hours), else the start of the
    /// next working window.
    /// </summary>
    public DateTimeOffset NextOpening(DateTimeOffset at)
    {
        if (_zone is null)
        {
            return at;
        }

        foreach (var (open, close) in WindowsFrom(at))
        {
            if (at < close)
            {
                return open > at ? open : at;
            }
        }

        throw new InvalidOperationException("The business-hours calendar has no working time in the next ten years.");
    }

    // Working windows from the local day of the instant on. A window never spans midnight (Start < End), so no earlier
    // day's window can still be open at the instant.
    private IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> WindowsFrom(DateTimeOffset instant)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone!).DateTime);
        for (var i = 0; i < MaxDays; i++, day = day.AddDays(1))
        {
            if (_workingDays.Contains(day.DayOfWeek) && !_holidays.Contains(day))
            {
                yield return (ToInstant(day, _start), ToInstant(day, _end));
            }
        }
    }

    private DateTimeOffset ToInstant(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (_zone!.IsInvalidTime(local))
        {
            local = local.AddHours(1); // the hour skipped when clocks go forward: the window opens once it exists
        }

        return new DateTimeOffset(local, _zone.GetUtcOffset(local));
    }
}

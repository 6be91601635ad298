using HelpdeskBot.Tickets;

namespace HelpdeskBot.Tests.Tickets;

/// <summary>Business-time arithmetic: working day 09:00-17:00 Monday to Friday unless a test says otherwise.</summary>
public sealed class SlaCalendarTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Friday = Monday.AddDays(4);

    private static SlaCalendar Hours(string zone = "UTC", params DateOnly[] holidays) =>
        new(new BusinessHoursOptions { TimeZone = zone, Holidays = [.. holidays] });

    [Fact]
    public void WithoutBusinessHoursEveryMomentCounts()
    {
        var calendar = SlaCalendar.AroundTheClock;

        Assert.Equal(Friday.AddHours(16 + 48), calendar.Add(Friday.AddHours(16), TimeSpan.FromHours(48)));
        Assert.Equal(TimeSpan.FromHours(66), calendar.BusinessTimeBetween(Friday.AddHours(16), Monday.AddDays(7).AddHours(10)));
    }

    [Fact]
    public void TimeWithinOneWorkingDayIsPlainAddition() =>
        Assert.Equal(Monday.AddHours(14), Hours().Add(Monday.AddHours(10), TimeSpan.FromHours(4)));

    [Fact]
    public void TimeLeftAtCloseCarriesOverToTheNextMorning() =>
        Assert.Equal(Monday.AddDays(1).AddHours(10), Hours().Add(Monday.AddHours(16), TimeSpan.FromHours(2)));

    [Fact]
    public void ATicketRaisedOvernightStartsCountingAtOpening()
    {
        Assert.Equal(Monday.AddHours(10), Hours().Add(Monday.AddHours(7), TimeSpan.FromHours(1)));
        Assert.Equal(Monday.AddDays(1).AddHours(10), Hours().Add(Monday.AddHours(20), TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.Zero, Hours().BusinessTimeBetween(Monday.AddHours(18), Monday.AddDays(1).AddHours(8)));
    }

    [Fact]
    public void TheWeekendDoesNotCount()
    {
        var nextMonday = Monday.AddDays(7);

        Assert.Equal(nextMonday.AddHours(10), Hours().Add(Friday.AddHours(16), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(2), Hours().BusinessTimeBetween(Friday.AddHours(16), nextMonday.AddHours(10)));
        Assert.Equal(nextMonday.AddHours(10), Hours().Add(Friday.AddDays(1).AddHours(12), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AHolidayDoesNotCount()
    {
        var nextMonday = Monday.AddDays(7);
        var calendar = Hours("UTC", DateOnly.FromDateTime(nextMonday.UtcDateTime));

        Assert.Equal(nextMonday.AddDays(1).AddHours(10), calendar.Add(Friday.AddHours(16), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(1), calendar.BusinessTimeBetween(Friday.AddHours(16), nextMonday.AddDays(1).AddHours(9)));
    }

    [Fact]
    public void AMultiDayTargetCountsWorkingDaysOfEightHours() =>
        // 3 days of business time = 72 h = nine 8-hour days: Monday 09:00 + nine days = the second Thursday at 17:00.
        Assert.Equal(Monday.AddDays(10).AddHours(17), Hours().Add(Monday.AddHours(9), TimeSpan.FromDays(3)));

    [Fact]
    public void HoursAreTheLocalHoursOfTheConfiguredTimeZone()
    {
        var berlin = Hours("Europe/Berlin"); // UTC+1 in November: 09:00-17:00 local is 08:00-16:00 UTC

        Assert.Equal(Monday.AddHours(9), berlin.Add(Monday.AddHours(7), TimeSpan.FromHours(1)));
        Assert.Equal(Monday.AddDays(1).AddHours(9), berlin.Add(Monday.AddHours(15), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void CustomWorkingDaysAreHonoured()
    {
        var calendar = new SlaCalendar(new BusinessHoursOptions
        {
            WorkingDays = [DayOfWeek.Saturday], Start = new TimeOnly(10, 0), End = new TimeOnly(12, 0),
        });

        Assert.Equal(Friday.AddDays(1).AddHours(11), calendar.Add(Monday.AddHours(9), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void BusinessHoursThatCannotWorkAreRefusedAtStart()
    {
        var options = new TicketsOptions
        {
            Sla = new SlaOptions { BusinessHours = new() { TimeZone = "Mars/Olympus", Start = new(17, 0), End = new(9, 0), WorkingDays = [] } },
        };

        var result = new TicketsOptionsValidator().Validate(null, options);

        Assert.Contains("Start (17:00) must be before End (09:00)", result.FailureMessage);
        Assert.Contains("WorkingDays is empty", result.FailureMessage);
        Assert.Contains("'Mars/Olympus' is not a known time zone", result.FailureMessage);
    }

    [Fact]
    public void TheDeskIsOpenInsideItsHoursAndOpensNextAtTheNextWorkingMorning()
    {
        var calendar = Hours(holidays: DateOnly.FromDateTime(Monday.AddDays(7).DateTime));

        Assert.True(calendar.IsOpen(Monday.AddHours(10)));
        Assert.Equal(Monday.AddHours(10), calendar.NextOpening(Monday.AddHours(10)));
        Assert.False(calendar.IsOpen(Monday.AddHours(17)));
        Assert.Equal(Monday.AddDays(1).AddHours(9), calendar.NextOpening(Monday.AddHours(17)));
        Assert.Equal(Monday.AddHours(9), calendar.NextOpening(Monday.AddHours(6)));
        // Friday evening: the next Monday is a holiday, so Tuesday.
        Assert.Equal(Monday.AddDays(8).AddHours(9), calendar.NextOpening(Friday.AddHours(18)));
        Assert.True(SlaCalendar.AroundTheClock.IsOpen(Friday.AddHours(23)));
    }
}

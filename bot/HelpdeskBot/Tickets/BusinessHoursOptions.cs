namespace HelpdeskBot.Tickets;

/// <summary>When the help desk works (<c>Tickets:Sla:BusinessHours</c>): one window per working day, minus holidays.</summary>
public sealed class BusinessHoursOptions
{
    /// <summary>An IANA (or Windows) time zone id, e.g. "Europe/Berlin".</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Monday to Friday when not set.</summary>
    public List<DayOfWeek>? WorkingDays { get; set; }

    public TimeOnly Start { get; set; } = new(9, 0);
    public TimeOnly End { get; set; } = new(17, 0);

    /// <summary>Whole local days off.</summary>
    public List<DateOnly> Holidays { get; set; } = [];
}

using Microsoft.Extensions.Options;

namespace HelpdeskBot.Tickets;

/// <summary>Start-up checks the data annotations cannot express: a complete priority matrix, sane targets and hours.</summary>
public sealed class TicketsOptionsValidator : IValidateOptions<TicketsOptions>
{
    public ValidateOptionsResult Validate(string? name, TicketsOptions options)
    {
        var problems = PriorityMatrix.Problems(options.PriorityMatrix);
        if (options.ReopenWindow < TimeSpan.Zero)
        {
            problems.Add("Tickets:ReopenWindow cannot be negative.");
        }

        if (options.MonitorInterval < TimeSpan.FromSeconds(1) || options.MonitorInterval > TimeSpan.FromDays(1))
        {
            problems.Add("Tickets:MonitorInterval must be between 00:00:01 and 1.00:00:00.");
        }

        if (options.Sla.WarningAt is <= 0 or >= 1)
        {
            problems.Add("Tickets:Sla:WarningAt must be between 0 and 1 (0.75 = warn at 75%).");
        }

        foreach (var priority in Enum.GetValues<TicketPriority>())
        {
            var targets = options.Sla.For(priority);
            if (targets.FirstResponse <= TimeSpan.Zero || targets.Resolution <= TimeSpan.Zero)
            {
                problems.Add($"Tickets:Sla:{priority} needs positive FirstResponse and Resolution times.");
            }
        }

        if (options.Sla.BusinessHours is { } hours)
        {
            problems.AddRange(BusinessHoursProblems(hours));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> BusinessHoursProblems(BusinessHoursOptions hours)
    {
        if (hours.Start >= hours.End)
        {
            yield return $"Tickets:Sla:BusinessHours: Start ({hours.Start}) must be before End ({hours.End}) on the same day.";
        }

        if (hours.WorkingDays is { Count: 0 })
        {
            yield return "Tickets:Sla:BusinessHours:WorkingDays is empty; leave it out for Monday to Friday.";
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(hours.TimeZone, out _))
        {
            yield return $"Tickets:Sla:BusinessHours:TimeZone '{hours.TimeZone}' is not a known time zone (e.g. Europe/Berlin).";
        }
    }
}

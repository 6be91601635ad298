namespace HelpdeskBot.Outages.Alerts;

/// <summary>Whether the monitoring system says the problem is still there.</summary>
public enum AlertStatus { Firing, Resolved }

/// <summary>One alert as a monitoring system reported it, whatever its source (see <see cref="AlertPayloads"/>).</summary>
/// <param name="Source">Which parser read it: one of <see cref="AlertSources"/>.</param>
/// <param name="Fingerprint">
/// The alert's stable identity across repeats (a resolve has the same one as the firing): Alertmanager's fingerprint,
/// Azure Monitor's originAlertId (else alertId), the generic form's fingerprint (else a hash of service and title).
/// </param>
/// <param name="Service">The service id, from the configured label or custom property; null when the alert carries none.</param>
/// <param name="Title">Short: Alertmanager's summary annotation (else the alertname label), Azure's alert rule, the generic title.</param>
/// <param name="Description">The longer text, when the alert has one.</param>
/// <param name="Severity">As the source spells it: e.g. "critical" from Alertmanager, "Sev1" from Azure Monitor.</param>
/// <param name="StartsAt">When it started firing, in UTC.</param>
/// <param name="EndsAt">When it was resolved, in UTC; null while firing.</param>
/// <param name="Labels">The alert's labels (Azure: its custom properties and some essentials), trimmed.</param>
public sealed record IncomingAlert(
    string Source,
    string Fingerprint,
    string? Service,
    AlertStatus Status,
    string Title,
    string? Description,
    string? Severity,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    IReadOnlyDictionary<string, string> Labels);

/// <summary>The values of <see cref="IncomingAlert.Source"/>.</summary>
public static class AlertSources
{
    public const string Alertmanager = "alertmanager";
    public const string AzureMonitor = "azure-monitor";
    public const string Generic = "generic";
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HelpdeskBot.Outages.Alerts;

/// <summary>
/// Reads the webhooks of monitoring systems into <see cref="IncomingAlert"/>s: Prometheus Alertmanager (webhook version
/// 4), Azure Monitor (common alert schema) and our own generic form (see bot/README.md, "Monitoring alerts"). Validation is strict and
/// all-or-nothing: any problem in a field that is read gives no alerts and an error naming where and what, e.g.
/// "alerts[3].labels.service: expected a string, got number". Fields that are not read are ignored. No input throws.
/// </summary>
public static class AlertPayloads
{
    public const int MaxAlerts = 1_000;
    public const int MaxTitle = 300;
    public const int MaxDescription = 4_000;
    public const int MaxFingerprint = 200;
    public const int MaxService = 100;
    public const int MaxLabels = 64;

    /// <summary>The longest label name or value (and severity, status, version, and the other short strings read).</summary>
    public const int MaxLabelLength = 200;

    public const string AlertmanagerVersion = "4";
    public const string AzureSchemaId = "azureMonitorCommonAlertSchema";

    /// <summary>
    /// An Alertmanager webhook (version "4"): one alert per item of alerts[], which may be a group of several. The
    /// service is the alert's label <paramref name="serviceLabel"/>, else the group's commonLabels one.
    /// </summary>
    public static AlertParseResult Alertmanager(JsonElement body, string serviceLabel)
    {
        var reader = new PayloadReader();
        if (!reader.Start(body))
        {
            return Failed(reader);
        }

        var version = reader.Text(body, "", "version", MaxLabelLength, required: true);
        if (version is not null && version != AlertmanagerVersion)
        {
            reader.Fail("version", $"{PayloadReader.Quote(version)} is not supported; expected \"{AlertmanagerVersion}\" (Alertmanager's webhook format)");
        }

        var common = reader.Labels(body, "", "commonLabels");
        var items = reader.Items(body, "", "alerts", MaxAlerts, "alert");
        if (reader.Failed || common is null || items is null)
        {
            return Failed(reader);
        }

        var alerts = new List<IncomingAlert>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (AlertmanagerAlert(reader, items[i], PayloadReader.Item("alerts", i), common, serviceLabel) is not { } alert)
            {
                return Failed(reader);
            }

            alerts.Add(alert);
        }

        return new AlertParseResult(alerts, null);
    }

    /// <summary>
    /// An Azure Monitor alert in the common alert schema: one alert, from data.essentials. The service is
    /// data.customProperties[<paramref name="serviceLabel"/>], else none.
    /// </summary>
    public static AlertParseResult AzureMonitor(JsonElement body, string serviceLabel)
    {
        var reader = new PayloadReader();
        if (!reader.Start(body))
        {
            return Failed(reader);
        }

        var schema = reader.Text(body, "", "schemaId", MaxLabelLength, required: true);
        if (schema is not null && schema != AzureSchemaId)
        {
            reader.Fail("schemaId", $"{PayloadReader.Quote(schema)} is not \"{AzureSchemaId}\"; turn on the common alert schema in the action group");
        }

        var data = reader.Object(body, "", "data", required: true);
        var essentials = data is { } d ? reader.Object(d, "data", "essentials", required: true) : null;
        var custom = data is { } c ? reader.Labels(c, "data", "customProperties") : null;
        if (reader.Failed || essentials is null || custom is null)
        {
            return Failed(reader);
        }

        return AzureAlert(reader, essentials.Value, custom, serviceLabel) is { } alert
            ? new AlertParseResult([alert], null)
            : Failed(reader);
    }

    /// <summary>Our generic form, received now: see <see cref="Generic(JsonElement, string, DateTimeOffset)"/>.</summary>
    public static AlertParseResult Generic(JsonElement body, string serviceLabel) => Generic(body, serviceLabel, DateTimeOffset.UtcNow);

    /// <summary>
    /// Our generic form: one alert object, or {"alerts": [ ... ]} of them. Only title is required; status defaults to
    /// firing, startsAt to <paramref name="receivedAt"/>, and a resolved alert without endsAt ends at
    /// <paramref name="receivedAt"/>. The service is the service field, else labels[<paramref name="serviceLabel"/>].
    /// </summary>
    public static AlertParseResult Generic(JsonElement body, string serviceLabel, DateTimeOffset receivedAt)
    {
        var reader = new PayloadReader();
        if (!reader.Start(body))
        {
            return Failed(reader);
        }

        var now = receivedAt.ToUniversalTime();
        if (!body.TryGetProperty("alerts", out _))
        {
            return GenericAlert(reader, body, "", serviceLabel, now) is { } single
                ? new AlertParseResult([single], null)
                : Failed(reader);
        }

        var items = reader.Items(body, "", "alerts", MaxAlerts, "alert");
        if (items is null)
        {
            return Failed(reader);
        }

        var alerts = new List<IncomingAlert>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (GenericAlert(reader, items[i], PayloadReader.Item("alerts", i), serviceLabel, now) is not { } alert)
            {
                return Failed(reader);
            }

            alerts.Add(alert);
        }

        return new AlertParseResult(alerts, null);
    }

    private static IncomingAlert? AlertmanagerAlert(
        PayloadReader reader, JsonElement item, string path, IReadOnlyDictionary<string, string> common, string serviceLabel)
    {
        if (!reader.IsObject(item, path))
        {
            return null;
        }

        var status = reader.Status(item, path, "status", "firing", "resolved");
        var labels = reader.Labels(item, path, "labels", required: true);
        var annotationsPath = PayloadReader.Child(path, "annotations");
        var annotations = reader.Object(item, path, "annotations");
        var summary = annotations is { } a ? reader.Text(a, annotationsPath, "summary", MaxTitle) : null;
        var description = annotations is { } b ? reader.Text(b, annotationsPath, "description", MaxDescription) : null;
        var startsAt = reader.Date(item, path, "startsAt", required: true);
        var endsAt = reader.Date(item, path, "endsAt");
        var fingerprint = reader.Text(item, path, "fingerprint", MaxFingerprint);
        if (reader.Failed || status is null || labels is null || startsAt is null)
        {
            return null;
        }

        var title = summary ?? (labels.GetValueOrDefault("alertname") is { Length: > 0 } alertname ? alertname : null);
        if (title is null)
        {
            reader.Fail(path, "has no annotations.summary or labels.alertname for a title");
            return null;
        }

        var service = Service(reader, labels, PayloadReader.Child(path, "labels"), serviceLabel)
            ?? Service(reader, common, "commonLabels", serviceLabel);
        if (reader.Failed)
        {
            return null;
        }

        return new IncomingAlert(
            AlertSources.Alertmanager,
            fingerprint ?? Hash(string.Join('\n', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))),
            service,
            status.Value,
            title,
            description,
            labels.GetValueOrDefault("severity") is { Length: > 0 } severity ? severity : null,
            startsAt.Value,
            status == AlertStatus.Resolved ? endsAt : null,
            labels);
    }

    private static IncomingAlert? AzureAlert(
        PayloadReader reader, JsonElement essentials, Dictionary<string, string> custom, string serviceLabel)
    {
        const string at = "data.essentials";
        var alertId = reader.Text(essentials, at, "alertId", MaxFingerprint, required: true);
        var originAlertId = reader.Text(essentials, at, "originAlertId", MaxFingerprint);
        var rule = reader.Text(essentials, at, "alertRule", MaxTitle, required: true);
        var severity = reader.Text(essentials, at, "severity", MaxLabelLength);
        var status = reader.Status(essentials, at, "monitorCondition", "Fired", "Resolved");
        var monitoringService = reader.Text(essentials, at, "monitoringService", MaxLabelLength);
        var configurationItem = reader.FirstText(essentials, at, "configurationItems", MaxLabelLength);
        var firedAt = reader.Date(essentials, at, "firedDateTime", required: true);
        var resolvedAt = reader.Date(essentials, at, "resolvedDateTime");
        var description = reader.Text(essentials, at, "description", MaxDescription);
        var service = Service(reader, custom, "data.customProperties", serviceLabel);
        if (reader.Failed || alertId is null || rule is null || status is null || firedAt is null)
        {
            return null;
        }

        // the essentials win over custom properties of the same name
        var labels = new Dictionary<string, string>(custom, StringComparer.Ordinal) { ["alertRule"] = rule };
        AddIfAny(labels, "severity", severity);
        AddIfAny(labels, "monitoringService", monitoringService);
        AddIfAny(labels, "configurationItem", configurationItem);

        return new IncomingAlert(
            AlertSources.AzureMonitor,
            originAlertId ?? alertId,
            service,
            status.Value,
            rule,
            description,
            severity,
            firedAt.Value,
            status == AlertStatus.Resolved ? resolvedAt : null,
            labels);
    }

    private static IncomingAlert? GenericAlert(PayloadReader reader, JsonElement item, string path, string serviceLabel, DateTimeOffset receivedAt)
    {
        if (!reader.IsObject(item, path))
        {
            return null;
        }

        var title = reader.Text(item, path, "title", MaxTitle, required: true);
        var serviceField = reader.Text(item, path, "service", MaxService);
        var status = reader.Status(item, path, "status", "firing", "resolved", fallback: AlertStatus.Firing);
        var description = reader.Text(item, path, "description", MaxDescription);
        var severity = reader.Text(item, path, "severity", MaxLabelLength);
        var fingerprint = reader.Text(item, path, "fingerprint", MaxFingerprint);
        var startsAt = reader.Date(item, path, "startsAt");
        var endsAt = reader.Date(item, path, "endsAt");
        var labels = reader.Labels(item, path, "labels");
        if (reader.Failed || title is null || status is null || labels is null)
        {
            return null;
        }

        var service = serviceField ?? Service(reader, labels, PayloadReader.Child(path, "labels"), serviceLabel);
        if (reader.Failed)
        {
            return null;
        }

        return new IncomingAlert(
            AlertSources.Generic,
            fingerprint ?? Hash($"{service}\n{title}"),
            service,
            status.Value,
            title,
            description,
            severity,
            startsAt ?? receivedAt,
            status == AlertStatus.Resolved ? endsAt ?? receivedAt : null,
            labels);
    }

    /// <summary>The service id in the label (or custom property) named <paramref name="serviceLabel"/>; null when there is none.</summary>
    private static string? Service(PayloadReader reader, IReadOnlyDictionary<string, string> labels, string labelsPath, string? serviceLabel)
    {
        if (string.IsNullOrWhiteSpace(serviceLabel) || !labels.TryGetValue(serviceLabel.Trim(), out var service) || service.Length == 0)
        {
            return null;
        }

        if (service.Length > MaxService)
        {
            reader.Fail(PayloadReader.Child(labelsPath, serviceLabel.Trim().Shorten(40)), $"{service.Length:N0} characters is too long for a service id; the limit is {MaxService}");
            return null;
        }

        return service;
    }

    private static void AddIfAny(Dictionary<string, string> labels, string name, string? value)
    {
        if (value is not null)
        {
            labels[name] = value;
        }
    }

    /// <summary>A stable fingerprint for an alert that sent none: 32 hex digits of the SHA-256 of what identifies it.</summary>
    private static string Hash(string identity) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];

    private static AlertParseResult Failed(PayloadReader reader) => new([], reader.Error ?? $"{PayloadReader.Root}: could not be read");
}

/// <summary>
/// The alerts of one webhook payload, or none and the <see cref="Error"/> that says where and what is wrong
/// (all-or-nothing: one bad alert refuses the whole payload, so the sender sees it and nothing is half-applied).
/// </summary>
public sealed record AlertParseResult(IReadOnlyList<IncomingAlert> Alerts, string? Error)
{
    public bool IsValid => Error is null;
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HelpdeskBot.Outages.Alerts;
using HelpdeskBot.Tests.Infrastructure;

namespace HelpdeskBot.Tests.Outages;

public class AlertPayloadTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly string[] SampleNames =
        ["alertmanager-firing.json", "alertmanager-resolved.json", "azure-monitor-fired.json", "azure-monitor-resolved.json", "generic.json"];

    private static string Sample(string name) => File.ReadAllText(RepositoryRoot.Combine("tests", "HelpdeskBot.Tests", "Outages", "Payloads", name));

    private static JsonElement Json(string json) => JsonSerializer.Deserialize<JsonElement>(json);

    // Payloads written inline use ' for " so they stay readable.
    private static JsonElement Quoted(string json) => Json(json.Replace('\'', '"'));

    private static AlertParseResult Parse(string parser, JsonElement body, string serviceLabel = "service") => parser switch
    {
        "alertmanager" => AlertPayloads.Alertmanager(body, serviceLabel),
        "azure" => AlertPayloads.AzureMonitor(body, serviceLabel),
        "generic" => AlertPayloads.Generic(body, serviceLabel, ReceivedAt),
        _ => throw new ArgumentException(parser),
    };

    private static IReadOnlyList<IncomingAlert> Valid(AlertParseResult result)
    {
        Assert.True(result.IsValid, result.Error);
        return result.Alerts;
    }

    private static string AlertmanagerGroup(params string[] alerts) =>
        $"{{'version':'4','status':'firing','receiver':'helpdeskbot','groupKey':'{{}}:{{}}','groupLabels':{{}},'commonLabels':{{}},'commonAnnotations':{{}},'externalURL':'http://am:9093','alerts':[{string.Join(",", alerts)}]}}";

    private static string AlertmanagerAlert(string labels = "'alertname':'Down','service':'vpn'", string status = "firing", string extra = "") =>
        $"{{'status':'{status}','labels':{{{labels}}},'annotations':{{}},'startsAt':'2026-03-02T08:00:00Z','endsAt':'0001-01-01T00:00:00Z','generatorURL':'http://prom','fingerprint':'abc'{extra}}}";

    private static string AzureAlert(string essentials = "", string customProperties = "{'service':'sap'}") =>
        $"{{'schemaId':'azureMonitorCommonAlertSchema','data':{{'essentials':{{'alertId':'/subscriptions/x/alerts/1','alertRule':'CPU','severity':'Sev2','signalType':'Metric','monitorCondition':'Fired','monitoringService':'Platform','alertTargetIDs':[],'configurationItems':['vm1'],'firedDateTime':'2026-03-02T07:00:00Z'{essentials}}},'alertContext':{{}},'customProperties':{customProperties}}}}}";

    // Alertmanager

    [Fact]
    public void AnAlertmanagerGroupWithTwoFiringAlertsGivesBothWithTheirServiceFromTheLabel()
    {
        var alerts = Valid(AlertPayloads.Alertmanager(Json(Sample("alertmanager-firing.json")), "service"));

        Assert.Equal(2, alerts.Count);
        var (vpn, email) = (alerts[0], alerts[1]);
        Assert.Equal(AlertSources.Alertmanager, vpn.Source);
        Assert.Equal("7b3f1c2a9d4e8f01", vpn.Fingerprint);
        Assert.Equal("vpn", vpn.Service);
        Assert.Equal(AlertStatus.Firing, vpn.Status);
        Assert.Equal("VPN portal is not responding", vpn.Title);
        Assert.StartsWith("The HTTPS probe of https://vpn.contoso.com/remote/login", vpn.Description);
        Assert.Equal("critical", vpn.Severity);
        // nanoseconds and a +01:00 offset, as Alertmanager sends them: in UTC, to the tick
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 7, 14, 5, TimeSpan.Zero).AddTicks(1827365), vpn.StartsAt);
        Assert.Equal(TimeSpan.Zero, vpn.StartsAt.Offset);
        Assert.Null(vpn.EndsAt);
        Assert.Equal("blackbox-https", vpn.Labels["job"]);
        Assert.Equal(6, vpn.Labels.Count);
        Assert.Equal(("email", "c40e9a7d61b25f3e", "Outlook on the web is not responding"), (email.Service, email.Fingerprint, email.Title));
    }

    [Fact]
    public void AResolvedAlertmanagerAlertEndsAtItsEndsAtWithTheFiringAlertsFingerprint()
    {
        var alert = Assert.Single(Valid(AlertPayloads.Alertmanager(Json(Sample("alertmanager-resolved.json")), "service")));
        var firing = Valid(AlertPayloads.Alertmanager(Json(Sample("alertmanager-firing.json")), "service"))[0];

        Assert.Equal(AlertStatus.Resolved, alert.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 2, 50, TimeSpan.Zero).AddTicks(1827365), alert.EndsAt);
        Assert.Equal(firing.Fingerprint, alert.Fingerprint);
        Assert.Equal("vpn", alert.Service);
    }

    [Theory]
    [InlineData("firing", "0001-01-01T00:00:00Z")]
    [InlineData("firing", "2026-03-02T08:20:00Z")] // Prometheus's own estimate while firing: not an end
    [InlineData("resolved", "0001-01-01T00:00:00Z")]
    public void AlertmanagersZeroEndsAtAndAFiringAlertsEndsAtAreNoEndTime(string status, string endsAt)
    {
        var json = AlertmanagerGroup(AlertmanagerAlert(status: status).Replace("0001-01-01T00:00:00Z", endsAt));

        var alert = Assert.Single(Valid(AlertPayloads.Alertmanager(Quoted(json), "service")));

        Assert.Null(alert.EndsAt);
    }

    [Fact]
    public void AnAlertmanagerGroupOfSeveralAlertsGivesEachInOrder()
    {
        var json = AlertmanagerGroup(Enumerable.Range(1, 5).Select(i =>
            AlertmanagerAlert($"'alertname':'DiskFull','service':'svc{i}'").Replace("'abc'", $"'fp{i}'")).ToArray());

        var alerts = Valid(AlertPayloads.Alertmanager(Quoted(json), "service"));

        Assert.Equal(["svc1", "svc2", "svc3", "svc4", "svc5"], alerts.Select(a => a.Service));
        Assert.Equal(["fp1", "fp2", "fp3", "fp4", "fp5"], alerts.Select(a => a.Fingerprint));
        Assert.All(alerts, a => Assert.Equal("DiskFull", a.Title)); // no summary annotation: the alertname
    }

    [Fact]
    public void TheServiceComesFromCommonLabelsWhenTheAlertHasNone()
    {
        var json = AlertmanagerGroup(AlertmanagerAlert("'alertname':'Down'"), AlertmanagerAlert("'alertname':'Down','service':'teams'"))
            .Replace("'commonLabels':{}", "'commonLabels':{'alertname':'Down','service':'email'}");

        var alerts = Valid(AlertPayloads.Alertmanager(Quoted(json), "service"));

        Assert.Equal(["email", "teams"], alerts.Select(a => a.Service));
    }

    [Fact]
    public void TheServiceLabelNameIsConfigurable()
    {
        var json = AlertmanagerGroup(AlertmanagerAlert("'alertname':'Down','service':'not-this','app':'sap'"));

        Assert.Equal("sap", Assert.Single(Valid(AlertPayloads.Alertmanager(Quoted(json), "app"))).Service);
        Assert.Null(Assert.Single(Valid(AlertPayloads.Alertmanager(Quoted(json), "component"))).Service);
    }

    [Fact]
    public void AlertmanagerWebhookVersion3IsRefusedNamingTheVersion()
    {
        var result = AlertPayloads.Alertmanager(Quoted(AlertmanagerGroup(AlertmanagerAlert()).Replace("'version':'4'", "'version':'3'")), "service");

        Assert.Empty(result.Alerts);
        Assert.Equal("version: \"3\" is not supported; expected \"4\" (Alertmanager's webhook format)", result.Error);
    }

    [Fact]
    public void WithoutAFingerprintAnAlertmanagerAlertGetsAStableOneFromItsLabels()
    {
        string Payload(string labels) => AlertmanagerGroup(AlertmanagerAlert(labels).Replace(",'fingerprint':'abc'", ""));

        var first = Assert.Single(Valid(AlertPayloads.Alertmanager(Quoted(Payload("'alertname':'Down','service':'vpn'")), "service")));
        var reordered = Assert.Single(Valid(AlertPayloads.Alertmanager(Quoted(Payload("'service':'vpn','alertname':'Down'")), "service")));
        var other = Assert.Single(Valid(AlertPayloads.Alertmanager(Quoted(Payload("'alertname':'Down','service':'sap'")), "service")));

        Assert.Matches("^[0-9a-f]{32}$", first.Fingerprint);
        Assert.Equal(first.Fingerprint, reordered.Fingerprint);
        Assert.NotEqual(first.Fingerprint, other.Fingerprint);
    }

    [Fact]
    public void OneBadAlertInAGroupRefusesTheWholeGroup()
    {
        var json = AlertmanagerGroup(AlertmanagerAlert(), AlertmanagerAlert(), AlertmanagerAlert(status: "pending"));

        var result = AlertPayloads.Alertmanager(Quoted(json), "service");

        Assert.False(result.IsValid);
        Assert.Empty(result.Alerts);
        Assert.Equal("alerts[2].status: \"pending\" is not firing or resolved", result.Error);
    }

    // Azure Monitor

    [Fact]
    public void AnAzureMonitorFiredAlertGivesItsRuleSeverityAndTheServiceFromCustomProperties()
    {
        var alert = Assert.Single(Valid(AlertPayloads.AzureMonitor(Json(Sample("azure-monitor-fired.json")), "service")));

        Assert.Equal(AlertSources.AzureMonitor, alert.Source);
        Assert.Equal("5f1c8a42-7d3e-4b9a-a0c6-2e8d91f4b7a3_rg-sap-prod_microsoft.insights_metricAlerts_SAP app server CPU above 95%_1184406127", alert.Fingerprint);
        Assert.Equal("sap", alert.Service);
        Assert.Equal(AlertStatus.Firing, alert.Status);
        Assert.Equal("SAP app server CPU above 95%", alert.Title);
        Assert.StartsWith("The SAP application server", alert.Description);
        Assert.Equal("Sev1", alert.Severity);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 7, 41, 12, TimeSpan.Zero).AddTicks(5530174), alert.StartsAt);
        Assert.Null(alert.EndsAt);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["service"] = "sap", ["team"] = "erp-operations", ["alertRule"] = "SAP app server CPU above 95%", ["severity"] = "Sev1",
                ["monitoringService"] = "Platform", ["configurationItem"] = "vm-sap-app01",
            },
            alert.Labels);
    }

    [Fact]
    public void AResolvedAzureMonitorAlertEndsAtItsResolvedTimeWithTheFiredAlertsFingerprint()
    {
        var fired = Assert.Single(Valid(AlertPayloads.AzureMonitor(Json(Sample("azure-monitor-fired.json")), "service")));
        var resolved = Assert.Single(Valid(AlertPayloads.AzureMonitor(Json(Sample("azure-monitor-resolved.json")), "service")));

        Assert.Equal(AlertStatus.Resolved, resolved.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 26, 47, TimeSpan.Zero).AddTicks(961182), resolved.EndsAt);
        Assert.Equal(fired.StartsAt, resolved.StartsAt);
        Assert.Equal(fired.Fingerprint, resolved.Fingerprint);
    }

    [Theory]
    [InlineData("AzureMonitorMetricAlert", "schemaId: \"AzureMonitorMetricAlert\" is not \"azureMonitorCommonAlertSchema\"; turn on the common alert schema in the action group")]
    [InlineData("", "schemaId: is empty")]
    public void AnAzurePayloadNotInTheCommonAlertSchemaIsRefused(string schemaId, string expected)
    {
        var result = AlertPayloads.AzureMonitor(Quoted(AzureAlert().Replace("azureMonitorCommonAlertSchema", schemaId)), "service");

        Assert.Empty(result.Alerts);
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void NullCustomPropertiesGiveNoServiceButStillTheEssentialsAsLabels()
    {
        var alert = Assert.Single(Valid(AlertPayloads.AzureMonitor(Quoted(AzureAlert(customProperties: "null")), "service")));

        Assert.Null(alert.Service);
        Assert.Equal(["alertRule", "configurationItem", "monitoringService", "severity"], alert.Labels.Keys.Order());
        Assert.Equal("/subscriptions/x/alerts/1", alert.Fingerprint); // no originAlertId: the alertId
        Assert.Null(alert.Description);
    }

    [Fact]
    public void AzureMonitorsServiceComesFromTheConfiguredCustomProperty()
    {
        var json = AzureAlert(customProperties: "{'service':'sap','helpdesk-service':'email'}");

        Assert.Equal("email", Assert.Single(Valid(AlertPayloads.AzureMonitor(Quoted(json), "helpdesk-service"))).Service);
        Assert.Null(Assert.Single(Valid(AlertPayloads.AzureMonitor(Quoted(json), "app"))).Service);
    }

    // Generic

    [Fact]
    public void AGenericSingleAlertNeedsOnlyATitleAndIsFiringSinceItWasReceived()
    {
        var alert = Assert.Single(Valid(AlertPayloads.Generic(Quoted("{'title':'  Badge readers offline in Leeds  '}"), "service", ReceivedAt)));

        Assert.Equal(AlertSources.Generic, alert.Source);
        Assert.Equal("Badge readers offline in Leeds", alert.Title);
        Assert.Equal(AlertStatus.Firing, alert.Status);
        Assert.Equal(ReceivedAt, alert.StartsAt);
        Assert.Null(alert.EndsAt);
        Assert.Null(alert.Service);
        Assert.Null(alert.Severity);
        Assert.Empty(alert.Labels);
        Assert.Matches("^[0-9a-f]{32}$", alert.Fingerprint);
    }

    [Fact]
    public void AGenericListGivesEachAlertWithItsServiceFromTheFieldOrTheLabel()
    {
        var alerts = Valid(AlertPayloads.Generic(Json(Sample("generic.json")), "service", ReceivedAt));

        Assert.Equal(2, alerts.Count);
        var (printer, wifi) = (alerts[0], alerts[1]);
        Assert.Equal(("printing", "prn-lon-01-spooler", AlertStatus.Firing, "major"), (printer.Service, printer.Fingerprint, printer.Status, printer.Severity));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 12, 0, TimeSpan.Zero), printer.StartsAt);
        Assert.Equal("london", printer.Labels["site"]);
        Assert.Equal(("network", AlertStatus.Resolved), (wifi.Service, wifi.Status));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 6, 55, 0, TimeSpan.Zero), wifi.StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 7, 40, 0, TimeSpan.Zero), wifi.EndsAt);
    }

    [Fact]
    public void AGenericAlertWithoutAFingerprintIsKnownByItsServiceAndTitle()
    {
        string Fingerprint(string json) => Assert.Single(Valid(AlertPayloads.Generic(Quoted(json), "service", ReceivedAt))).Fingerprint;

        var vpn = Fingerprint("{'service':'vpn','title':'VPN down'}");

        Assert.Equal(vpn, Fingerprint("{'service':'vpn','title':'VPN down','status':'resolved','severity':'high'}"));
        Assert.Equal(vpn, Fingerprint("{'title':'VPN down','labels':{'service':'vpn'}}"));
        Assert.NotEqual(vpn, Fingerprint("{'service':'email','title':'VPN down'}"));
        Assert.NotEqual(vpn, Fingerprint("{'service':'vpn','title':'VPN slow'}"));
    }

    [Fact]
    public void AResolvedGenericAlertWithoutEndsAtEndsWhenItWasReceived()
    {
        var alert = Assert.Single(Valid(AlertPayloads.Generic(Quoted("{'title':'VPN down','status':'resolved','startsAt':'2026-03-02T08:00:00Z'}"), "service", ReceivedAt)));

        Assert.Equal(ReceivedAt, alert.EndsAt);
    }

    // Bad payloads

    public static TheoryData<string, string, string> BadPayloads()
    {
        var data = new TheoryData<string, string, string>();
        var longTitle = new string('t', 301);

        foreach (var parser in new[] { "alertmanager", "azure", "generic" })
        {
            data.Add(parser, "[]", "payload: expected an object, got array");
            data.Add(parser, "null", "payload: expected an object, got null");
            data.Add(parser, "42", "payload: expected an object, got number");
            data.Add(parser, "'alerts'", "payload: expected an object, got string");
        }

        // Alertmanager, from the top down
        data.Add("alertmanager", "{'alerts':[]}", "version: required");
        data.Add("alertmanager", "{'version':4,'alerts':[]}", "version: expected a string, got number");
        data.Add("alertmanager", "{'version':'4'}", "alerts: required");
        data.Add("alertmanager", "{'version':'4','alerts':null}", "alerts: expected an array, got null");
        data.Add("alertmanager", "{'version':'4','alerts':{}}", "alerts: expected an array, got object");
        data.Add("alertmanager", "{'version':'4','alerts':[]}", "alerts: is empty; expected at least one alert");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert()).Replace("'commonLabels':{}", "'commonLabels':[]"), "commonLabels: expected an object, got array");
        data.Add("alertmanager", AlertmanagerGroup("'x'"), "alerts[0]: expected an object, got string");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert(), AlertmanagerAlert(), AlertmanagerAlert(), AlertmanagerAlert("'alertname':'Down','service':5")),
            "alerts[3].labels.service: expected a string, got number");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert().Replace("'labels':{'alertname':'Down','service':'vpn'}", "'labels':['vpn']")),
            "alerts[0].labels: expected an object, got array");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert().Replace("'labels':{'alertname':'Down','service':'vpn'},", "")), "alerts[0].labels: required");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert("'alertname':'Down','severity':null")), "alerts[0].labels.severity: expected a string, got null");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert("'service':'vpn'")), "alerts[0]: has no annotations.summary or labels.alertname for a title");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert(status: "Firing")), "alerts[0].status: \"Firing\" is not firing or resolved");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert().Replace("'status':'firing',", "")), "alerts[0].status: required");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert().Replace("2026-03-02T08:00:00Z", "yesterday")),
            "alerts[0].startsAt: \"yesterday\" is not a date and time; use ISO 8601, e.g. 2026-03-01T09:30:00Z");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert().Replace("2026-03-02T08:00:00Z", "2026-02-30T08:00:00Z")),
            "alerts[0].startsAt: \"2026-02-30T08:00:00Z\" is not a date and time; use ISO 8601, e.g. 2026-03-01T09:30:00Z");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert().Replace("'startsAt':'2026-03-02T08:00:00Z'", "'startsAt':1772438400")),
            "alerts[0].startsAt: expected a string, got number");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert().Replace("'annotations':{}", "'annotations':'VPN down'")),
            "alerts[0].annotations: expected an object, got string");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert().Replace("'annotations':{}", $"'annotations':{{'summary':'{longTitle}'}}")),
            "alerts[0].annotations.summary: 301 characters is too long; the limit is 300");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert().Replace("'annotations':{}", $"'annotations':{{'description':'{new string('d', 4_001)}'}}")),
            "alerts[0].annotations.description: 4,001 characters is too long; the limit is 4,000");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert().Replace("'abc'", $"'{new string('f', 201)}'")),
            "alerts[0].fingerprint: 201 characters is too long; the limit is 200");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert(string.Join(",", Enumerable.Range(0, 65).Select(i => $"'l{i}':'v'")))),
            "alerts[0].labels: 65 labels is too many; the limit is 64");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert($"'alertname':'Down','instance':'{new string('i', 201)}'")),
            "alerts[0].labels.instance: 201 characters is too long; the limit is 200");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert($"'alertname':'Down','service':'{new string('s', 101)}'")),
            "alerts[0].labels.service: 101 characters is too long for a service id; the limit is 100");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert($"'alertname':'Down','{new string('n', 201)}':'x'")),
            $"alerts[0].labels: the name \"{new string('n', 39)}…\" is 201 characters, too long; the limit is 200");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert("'alertname':'Down',' ':'x'")), "alerts[0].labels: a name is empty");
        data.Add("alertmanager", AlertmanagerGroup(AlertmanagerAlert("'alertname':'Down','service':'vpn',' service ':'sap'")),
            "alerts[0].labels.service: appears more than once");
        data.Add("alertmanager", AlertmanagerGroup(Enumerable.Repeat(AlertmanagerAlert(), 1_001).ToArray()), "alerts: 1,001 alerts is too many; the limit is 1,000");

        // Azure Monitor
        data.Add("azure", "{'schemaId':'azureMonitorCommonAlertSchema'}", "data: required");
        data.Add("azure", "{'schemaId':'azureMonitorCommonAlertSchema','data':'x'}", "data: expected an object, got string");
        data.Add("azure", "{'schemaId':'azureMonitorCommonAlertSchema','data':{}}", "data.essentials: required");
        data.Add("azure", "{'data':{}}", "schemaId: required");
        data.Add("azure", AzureAlert().Replace("'monitorCondition':'Fired'", "'monitorCondition':'Activated'"),
            "data.essentials.monitorCondition: \"Activated\" is not Fired or Resolved");
        data.Add("azure", AzureAlert().Replace("'alertRule':'CPU',", ""), "data.essentials.alertRule: required");
        data.Add("azure", AzureAlert().Replace("'alertRule':'CPU'", $"'alertRule':'{longTitle}'"), "data.essentials.alertRule: 301 characters is too long; the limit is 300");
        data.Add("azure", AzureAlert().Replace("'alertId':'/subscriptions/x/alerts/1'", "'alertId':['1']"), "data.essentials.alertId: expected a string, got array");
        data.Add("azure", AzureAlert().Replace("2026-03-02T07:00:00Z", "2026-13-45T07:00:00Z"),
            "data.essentials.firedDateTime: \"2026-13-45T07:00:00Z\" is not a date and time; use ISO 8601, e.g. 2026-03-01T09:30:00Z");
        data.Add("azure", AzureAlert(", 'resolvedDateTime':'later'"),
            "data.essentials.resolvedDateTime: \"later\" is not a date and time; use ISO 8601, e.g. 2026-03-01T09:30:00Z");
        data.Add("azure", AzureAlert().Replace("'configurationItems':['vm1']", "'configurationItems':[{'name':'vm1'}]"),
            "data.essentials.configurationItems[0]: expected a string, got object");
        data.Add("azure", AzureAlert(customProperties: "{'service':5}"), "data.customProperties.service: expected a string, got number");
        data.Add("azure", AzureAlert(customProperties: "'sap'"), "data.customProperties: expected an object, got string");

        // Generic, single and list
        data.Add("generic", "{}", "title: required");
        data.Add("generic", "{'title':'   '}", "title: is empty");
        data.Add("generic", "{'title':null}", "title: expected a string, got null");
        data.Add("generic", $"{{'title':'{longTitle}'}}", "title: 301 characters is too long; the limit is 300");
        data.Add("generic", "{'title':'x','status':'open'}", "status: \"open\" is not firing or resolved");
        data.Add("generic", "{'title':'x','service':{'id':'vpn'}}", "service: expected a string, got object");
        data.Add("generic", $"{{'title':'x','service':'{new string('s', 101)}'}}", "service: 101 characters is too long; the limit is 100");
        data.Add("generic", "{'title':'x','endsAt':'soon'}", "endsAt: \"soon\" is not a date and time; use ISO 8601, e.g. 2026-03-01T09:30:00Z");
        data.Add("generic", "{'title':'x','labels':'vpn'}", "labels: expected an object, got string");
        data.Add("generic", "{'alerts':[]}", "alerts: is empty; expected at least one alert");
        data.Add("generic", "{'alerts':{'title':'x'}}", "alerts: expected an array, got object");
        data.Add("generic", "{'alerts':[{'title':'x'},['y']]}", "alerts[1]: expected an object, got array");
        data.Add("generic", $"{{'alerts':[{{'title':'x'}},{{'title':'{longTitle}'}}]}}", "alerts[1].title: 301 characters is too long; the limit is 300");
        data.Add("generic", "{'alerts':[{'title':'x','labels':{'team':true}}]}", "alerts[0].labels.team: expected a string, got boolean");
        data.Add("generic", "{'alerts':[{'title':'x','labels':{'deep':{'er':'x'}}}]}", "alerts[0].labels.deep: expected a string, got object");
        data.Add("generic", "{'title':'x','startsAt':'2026-03-02T08:00:00+25:00'}",
            "startsAt: \"2026-03-02T08:00:00+25:00\" is not a date and time; use ISO 8601, e.g. 2026-03-01T09:30:00Z");
        data.Add("generic", "{'title':'VPN \\uD800 down'}", "payload: the escape \\uD800 is half of a surrogate pair; JSON text must be valid Unicode");
        data.Add("generic", "{'title':'x','labels':{'\\uDE00':'y'}}", "payload: the escape \\uDE00 is half of a surrogate pair; JSON text must be valid Unicode");
        data.Add("generic", $"{{'alerts':[{string.Join(",", Enumerable.Repeat("{'title':'x'}", 1_001))}]}}", "alerts: 1,001 alerts is too many; the limit is 1,000");
        return data;
    }

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public void ABadPayloadGivesNoAlertsAndAnErrorSayingWhereAndWhat(string parser, string json, string expected)
    {
        var result = Parse(parser, Quoted(json));

        Assert.False(result.IsValid);
        Assert.Empty(result.Alerts);
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void ADefaultJsonElementIsAnErrorNotACrash()
    {
        foreach (var parser in new[] { "alertmanager", "azure", "generic" })
        {
            Assert.Equal("payload: expected an object, got nothing", Parse(parser, default).Error);
        }
    }

    [Fact]
    public void OddButValidUnicodeIsKeptAsSent()
    {
        const string title = "VPN 🔥 down — Zürich 東京 \u200Bزمان e\u0301";

        var alert = Assert.Single(Valid(AlertPayloads.Generic(JsonSerializer.SerializeToElement(new { title, labels = new { 城市 = "東京" } }), "service", ReceivedAt)));

        Assert.Equal(title, alert.Title);
        Assert.Equal("東京", alert.Labels["城市"]);
    }

    [Theory]
    [InlineData("{'title':'\\uD83D\\uDD25 fire'}", "\U0001F525 fire")]
    [InlineData("{'title':'C:\\\\uD800'}", "C:\\uD800")] // an escaped backslash, then the letters uD800
    [InlineData("{'title':'\\u00e9t\\u00E9'}", "\u00e9t\u00e9")]
    public void EscapedSurrogatePairsAndBackslashesAreNotMistakenForLoneSurrogates(string json, string title)
    {
        Assert.Equal(title, Assert.Single(Valid(AlertPayloads.Generic(Quoted(json), "service", ReceivedAt))).Title);
    }

    // Fuzzing: random and mutated documents never make a parser throw, and what they accept keeps the limits.

    [Fact]
    public void TwoThousandRandomAndMutatedDocumentsNeverMakeAParserThrow()
    {
        var random = new Random(42);
        var samples = SampleNames.Select(Sample).ToArray();
        var accepted = 0;
        for (var i = 0; i < 2_000; i++)
        {
            var json = i % 2 == 0 ? Mutate(random, samples[random.Next(samples.Length)]) : RandomJson(random, depth: 0, topLevel: true);
            var body = Json(json);
            foreach (var parser in new[] { "alertmanager", "azure", "generic" })
            {
                var result = Record.Exception(() => CheckInvariants(Parse(parser, body, random.Next(4) == 0 ? "" : "service")));
                Assert.True(result is null, $"{parser} threw on document #{i}: {result}\n{json.Shorten(2_000)}");
                accepted += Parse(parser, body).IsValid ? 1 : 0;
            }
        }

        Assert.InRange(accepted, 100, 5_000); // the mutations reach past the first checks: some still parse
    }

    private static void CheckInvariants(AlertParseResult result)
    {
        Assert.Equal(result.Error is null, result.Alerts.Count > 0);
        Assert.True(result.Error is null || result.Error.Length < 400, result.Error);
        foreach (var alert in result.Alerts)
        {
            Assert.InRange(alert.Title.Length, 1, AlertPayloads.MaxTitle);
            Assert.Equal(alert.Title.Trim(), alert.Title);
            Assert.InRange(alert.Fingerprint.Length, 1, AlertPayloads.MaxFingerprint);
            Assert.True(alert.Service is null || alert.Service.Length is > 0 and <= AlertPayloads.MaxService);
            Assert.True(alert.Description is null || alert.Description.Length <= AlertPayloads.MaxDescription);
            Assert.Equal(TimeSpan.Zero, alert.StartsAt.Offset);
            Assert.Equal(alert.Status == AlertStatus.Resolved && alert.EndsAt is not null, alert.EndsAt is not null);
        }
    }

    private static readonly string[] Keys =
    [
        "version", "status", "alerts", "labels", "annotations", "summary", "description", "startsAt", "endsAt", "fingerprint",
        "commonLabels", "service", "alertname", "severity", "schemaId", "data", "essentials", "alertId", "originAlertId",
        "alertRule", "monitorCondition", "firedDateTime", "resolvedDateTime", "configurationItems", "customProperties", "title",
        "monitoringService", "", " ", "\\u0000", "\\uD83D\\uDD25", "\\uD800",
    ];

    private static readonly string[] Strings =
    [
        "4", "3", "firing", "resolved", "Fired", "Resolved", "pending", "azureMonitorCommonAlertSchema", "vpn", "Sev0", "", "   ",
        "2026-03-02T08:00:00Z", "2026-03-02T08:00:00.123456789+02:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00",
        "2026-02-30T00:00:00Z", "not a date", "\\u0000\\u0001", "\\uD83D\\uDD25 fire", "\\uD800", "\\uDFFF x", "e\\u0301\\u200B\\u202E",
        "\\\\uD800", "東京", "\\\"quoted\\\"",
    ];

    /// <summary>A random JSON document as text: biased to the parsers' field names and values, with odd Unicode and huge strings.</summary>
    private static string RandomJson(Random random, int depth, bool topLevel = false)
    {
        var kind = topLevel ? (random.Next(10) < 8 ? 5 : random.Next(6)) : random.Next(depth > 4 ? 4 : 6);
        return kind switch
        {
            0 => random.Next(3) switch { 0 => "null", 1 => "true", _ => "false" },
            1 => random.Next(4) switch { 0 => "0", 1 => "-1.5e308", 2 => "1e400", _ => random.Next().ToString() },
            2 or 3 => $"\"{RandomString(random)}\"",
            4 => $"[{string.Join(",", Enumerable.Range(0, random.Next(6)).Select(_ => RandomJson(random, depth + 1)))}]",
            _ => $"{{{string.Join(",", Enumerable.Range(0, random.Next(8)).Select(_ => $"\"{Keys[random.Next(Keys.Length)]}\":{RandomJson(random, depth + 1)}"))}}}",
        };
    }

    private static string RandomString(Random random) => random.Next(20) switch
    {
        0 => new string('x', random.Next(150, 5_000)),
        1 => string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => $"\\u{random.Next(0x10000):X4}")),
        2 => new string(' ', random.Next(1, 400)),
        _ => Strings[random.Next(Strings.Length)],
    };

    /// <summary>A sample with a few random changes: values replaced, properties removed or added, arrays multiplied.</summary>
    private static string Mutate(Random random, string sample)
    {
        var root = JsonNode.Parse(sample)!;
        var replacements = new Dictionary<string, string>();
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            var nodes = Descendants(root).ToList();
            var target = nodes[random.Next(nodes.Count)];
            var placeholder = $"__fuzz_{replacements.Count}__";
            switch (random.Next(4))
            {
                case 0 when target.Parent is JsonObject parent:
                    parent.Remove(target.GetPropertyName());
                    break;
                case 1 when target is JsonObject obj:
                    obj[Keys[random.Next(Keys.Length)].Replace("\\", "")] = placeholder;
                    replacements[placeholder] = RandomJson(random, 2);
                    break;
                case 2 when target is JsonArray { Count: > 0 } array:
                    for (var copies = random.Next(2) == 0 ? 1_000 : random.Next(1, 70); copies > 0; copies--)
                    {
                        array.Add(array[0]?.DeepClone());
                    }

                    break;
                default:
                    if (target.Parent is null)
                    {
                        break;
                    }

                    target.ReplaceWith(placeholder);
                    replacements[placeholder] = RandomJson(random, 2);
                    break;
            }
        }

        var text = new StringBuilder(root.ToJsonString());
        foreach (var (placeholder, json) in replacements)
        {
            text.Replace($"\"{placeholder}\"", json);
        }

        return text.ToString();
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().SelectMany(Descendants))
        {
            yield return child;
        }
    }
}

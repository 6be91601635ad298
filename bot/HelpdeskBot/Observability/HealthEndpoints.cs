using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Observability;

/// <summary>
/// <c>/health/live</c> (the process answers; no dependency is asked), <c>/health/ready</c> (every check tagged
/// <see cref="ReadyTag"/>: 200 when healthy or degraded, 503 when not) and, when enabled, the Prometheus scrape
/// endpoint. All open (no API key) and never rate limited: probes and scrapers come often and carry no key.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .DisableRateLimiting();
        var prometheus = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus;
        if (prometheus.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(prometheus.Path).DisableRateLimiting();
        }

        return app;
    }

    /// <summary>Probes and scrapes, which would otherwise fill the traces.</summary>
    internal static bool IsProbe(PathString path, TelemetryOptions settings) =>
        path.StartsWithSegments("/health") || (settings.Prometheus.Enabled && path.StartsWithSegments(settings.Prometheus.Path));

    // Each check's status, what it says and its data; never an exception's text, since the endpoint is open (the
    // health check service logs failures with their exceptions).
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? (e.Value.Exception is { } ex ? $"failed ({ex.GetType().Name})" : null),
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                data = e.Value.Data.Count > 0 ? e.Value.Data : null,
            }),
        };
        return JsonSerializer.SerializeAsync(http.Response.Body, body, Json, http.RequestAborted);
    }
}

using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Observability;

/// <summary>Where traces and metrics go (section <c>Telemetry</c>); with nothing set, they are collected and exported nowhere.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string SectionName = "Telemetry";

    /// <summary>The <c>service.name</c> on everything exported.</summary>
    public string ServiceName { get; set; } = "HelpdeskBot";

    public OtlpSettings Otlp { get; set; } = new();

    public PrometheusSettings Prometheus { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Otlp.Endpoint is { Length: > 0 } endpoint && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Telemetry:Otlp:Endpoint must be an absolute URL, e.g. http://localhost:4317.", ["Otlp:Endpoint"]);
        }

        if (Otlp.Protocol is not ("grpc" or "http/protobuf"))
        {
            yield return new ValidationResult("Telemetry:Otlp:Protocol must be grpc or http/protobuf.", ["Otlp:Protocol"]);
        }

        if (Prometheus.Enabled && !Prometheus.Path.StartsWith('/'))
        {
            yield return new ValidationResult("Telemetry:Prometheus:Path must start with /, e.g. /metrics.", ["Prometheus:Path"]);
        }
    }

    public sealed class OtlpSettings
    {
        /// <summary>
        /// The collector, e.g. <c>http://localhost:4317</c>. Unset, the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
        /// (and the other <c>OTEL_EXPORTER_OTLP_*</c> variables) is used when present; with neither, nothing is exported.
        /// </summary>
        public string? Endpoint { get; set; }

        /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>, for <see cref="Endpoint"/>.</summary>
        public string Protocol { get; set; } = "grpc";
    }

    public sealed class PrometheusSettings
    {
        /// <summary>Serves the metrics for scraping at <see cref="Path"/> (open, like the health endpoints).</summary>
        public bool Enabled { get; set; }

        public string Path { get; set; } = "/metrics";
    }
}

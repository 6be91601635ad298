using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Connector;
using HelpdeskBot.Storage;
using HelpdeskBot.Tickets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HelpdeskBot.Observability;

public static class ObservabilityExtensions
{
    /// <summary>
    /// Health checks (database, knowledge index, Connector token), the bot's meters and spans, and OpenTelemetry:
    /// ASP.NET Core, HttpClient and runtime instrumentation, exported over OTLP when an endpoint is configured and for
    /// Prometheus when enabled (<see cref="TelemetryOptions"/>).
    /// </summary>
    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HelpdeskMetrics>();
        // First in the pipeline (registration order is pipeline order), so it times every turn.
        services.Insert(0, ServiceDescriptor.Singleton<IBotMiddleware, TurnTelemetryMiddleware>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITicketEvents, SlaMetricsEvents>());

        services.AddHealthChecks()
            .AddDbContextCheck<HelpdeskDbContext>("database", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<KnowledgeIndexHealthCheck>("knowledge-index", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<ConnectorTokenHealthCheck>("bot-connector-token", tags: [HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(10));

        var settings = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(HelpdeskTracing.SourceName)
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = http => !HealthEndpoints.IsProbe(http.Request.Path, settings))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(HelpdeskMetrics.MeterName, ConnectorMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (settings.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        UseOtlp(telemetry, settings, builder.Configuration);
        return builder;
    }

    // The setting first, then the standard variable; neither, and nothing is exported (no collector to refuse us).
    private static void UseOtlp(IOpenTelemetryBuilder telemetry, TelemetryOptions settings, IConfiguration configuration)
    {
        if (Uri.TryCreate(settings.Otlp.Endpoint, UriKind.Absolute, out var endpoint)) // a bad one stops the app at start (validation)
        {
            var protocol = settings.Otlp.Protocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, endpoint);
        }
        else if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }
}

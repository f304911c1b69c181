using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace ActorKeys.Actors.Telemetry;

/// <summary>What a server host gets for its operators: the meter, health checks, and (when asked for) OTLP export.</summary>
public static class TelemetryServices
{
    public static IServiceCollection AddServerTelemetry(this IServiceCollection services, TelemetrySettings settings)
    {
        // IMeterFactory: the host owns the meter and disposes it with the container.
        services.AddMetrics();
        services.AddSingleton(sp => new ServerMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddHealthChecks();
        if (settings.OtlpEnabled)
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(ServerMetrics.MeterName)
                .AddOtlpExporter(otlp =>
                {
                    otlp.Endpoint = settings.OtlpEndpoint;
                    otlp.Protocol = OtlpExportProtocol.Grpc;
                }));
        }
        return services;
    }
}

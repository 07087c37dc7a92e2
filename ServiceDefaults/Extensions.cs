using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Aspire's service defaults: OpenTelemetry (logs, traces, metrics; OTLP export when the AppHost passes an endpoint),
/// service discovery and standard resilience for every HttpClient, and the <c>/health</c> and <c>/alive</c> endpoints.
/// Added on top: health requests are kept out of traces, and each service's own ActivitySource and Meter (named after
/// its application) are subscribed.
/// </summary>
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var ownName = builder.Environment.ApplicationName;
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(ownName))
            .WithTracing(tracing => tracing
                .AddSource(ownName)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = KeepOutOfTraces)
                .AddHttpClientInstrumentation());

        builder.AddOpenTelemetryExporters();
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>Maps <c>/health</c> (every check: ready to serve) and <c>/alive</c> (live-tagged checks only).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live"),
        });
        return app;
    }

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    // Orchestrators and load balancers poll the health endpoints; a trace for each would bury the real requests. Returning
    // false drops the request's own span; clearing its sampled flag also drops the spans of what the health checks do
    // under it (a Redis client's commands), which would otherwise be exported as traces without a root.
    private static bool KeepOutOfTraces(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments(HealthEndpointPath) && !path.StartsWithSegments(AlivenessEndpointPath))
        {
            return true;
        }

        if (Activity.Current is { } request)
        {
            request.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }

        return false;
    }
}

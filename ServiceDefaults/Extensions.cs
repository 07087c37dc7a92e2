using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Cross-cutting defaults shared by every service of the solution (the .NET Aspire
/// service-defaults shape): OpenTelemetry logs, traces and metrics, and health checks.
/// </summary>
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    /// <summary>Sources the platform publishes without instrumentation packages.</summary>
    private static readonly string[] PlatformActivitySources = ["Microsoft.AspNetCore", "System.Net.Http"];

    private static readonly string[] PlatformMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime"];

    /// <summary>Adds OpenTelemetry and the default health checks.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        return builder;
    }

    /// <summary>
    /// Logs, traces and metrics through OpenTelemetry. The service's own ActivitySource and Meter
    /// are the ones named after its application (assembly) name. The OTLP exporter is on only
    /// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; <c>OTEL_SERVICE_NAME</c>,
    /// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> and <c>OTEL_RESOURCE_ATTRIBUTES</c> are honoured.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var ownName = builder.Environment.ApplicationName;
        var telemetry = new OpenTelemetryServicesBuilder(builder.Services)
            .WithLogging(configureBuilder: null, options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            })
            .WithTracing(tracing => tracing.AddSource([.. PlatformActivitySources, ownName]))
            .WithMetrics(metrics => metrics.AddMeter([.. PlatformMeters, ownName]));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        builder.Services.AddHostedService<TelemetryStartupService>();
        return builder;
    }

    /// <summary>Adds a live-tagged self check; services add their own readiness checks.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check: readiness) and <c>/alive</c> (live-tagged checks only),
    /// and keeps requests to them out of traces.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var activity = Activity.Current;
            if (activity is null)
            {
                await next(context);
                return;
            }

            if (IsHealthRequest(context.Request.Path))
            {
                activity.IsAllDataRequested = false;
                activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                await next(context);
                return;
            }

            try
            {
                await next(context);
            }
            finally
            {
                DescribeServerSpan(activity, context);
            }
        });
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live"),
        });
        return app;
    }

    /// <summary>
    /// ASP.NET Core's own server span carries no HTTP attributes without the instrumentation
    /// package, so the semantic-convention name and attributes are added once the request is done.
    /// </summary>
    private static void DescribeServerSpan(Activity activity, HttpContext context)
    {
        if (!activity.IsAllDataRequested)
        {
            return;
        }

        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        activity.DisplayName = route is null ? context.Request.Method : $"{context.Request.Method} {route}";
        activity.SetTag("http.request.method", context.Request.Method);
        activity.SetTag("url.path", context.Request.Path.Value);
        activity.SetTag("url.scheme", context.Request.Scheme);
        activity.SetTag("http.response.status_code", context.Response.StatusCode);
        if (route is not null)
        {
            activity.SetTag("http.route", route);
        }

        if (context.Response.StatusCode >= 500)
        {
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }

    private static bool IsHealthRequest(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath);
}

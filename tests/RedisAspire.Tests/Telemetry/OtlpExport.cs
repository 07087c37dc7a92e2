using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace RedisAspire.Tests.Telemetry;

/// <summary>
/// Request bodies exactly as the OpenTelemetry SDK's OTLP exporter (http/protobuf) sends them, captured by its HTTP
/// client instead of sent: what the receiver and its decoder are tested on.
/// </summary>
internal static class OtlpExport
{
    public const string ScopeName = "Test.Scope";

    /// <summary>The ExportTraceServiceRequest for the activities <paramref name="emit"/> starts and stops on a source named <see cref="ScopeName"/>.</summary>
    public static byte[] Traces(string serviceName, Action<ActivitySource> emit)
    {
        var capture = new CapturingHandler();
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddSource(ScopeName)
            .AddOtlpExporter(options => Configure(options, capture, "traces"))
            .Build())
        using (var source = new ActivitySource(ScopeName, "1.0.0"))
        {
            emit(source);
            provider.ForceFlush();
        }

        return capture.Single();
    }

    /// <summary>An ExportMetricsServiceRequest with one counter.</summary>
    public static byte[] Metrics(string serviceName)
    {
        var capture = new CapturingHandler();
        var meterName = ScopeName + ".Meter";
        using (var provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddMeter(meterName)
            .AddOtlpExporter(options => Configure(options, capture, "metrics"))
            .Build())
        using (var meter = new Meter(meterName))
        {
            meter.CreateCounter<long>("test.requests").Add(1);
            provider.ForceFlush();
        }

        // The provider exports once more when it is disposed.
        return capture.First();
    }

    /// <summary>An ExportLogsServiceRequest with one log record.</summary>
    public static byte[] Logs(string serviceName)
    {
        var capture = new CapturingHandler();
        using (var factory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(serviceName));
            options.AddOtlpExporter(exporter => Configure(exporter, capture, "logs"));
        })))
        {
            factory.CreateLogger(ScopeName).LogWarning("captured");
        }

        return capture.Single();
    }

    private static void Configure(OtlpExporterOptions options, CapturingHandler capture, string signal)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri($"http://127.0.0.1:9/v1/{signal}");
        options.ExportProcessorType = ExportProcessorType.Simple;
        options.HttpClientFactory = () => new HttpClient(capture, disposeHandler: false);
    }

    /// <summary>Keeps each request's body and answers 200 with an empty export response.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        private readonly List<byte[]> _bodies = [];

        public byte[] Single()
        {
            lock (_bodies)
            {
                return Assert.Single(_bodies);
            }
        }

        public byte[] First()
        {
            lock (_bodies)
            {
                Assert.NotEmpty(_bodies);
                return _bodies[0];
            }
        }

        // The exporter sends synchronously (HttpClient.Send) from its export thread.
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var body = new MemoryStream();
            request.Content?.CopyTo(body, null, cancellationToken);
            lock (_bodies)
            {
                _bodies.Add(body.ToArray());
            }

            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }
}

using System.Net;
using RedisAspire.Tests.Api;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Telemetry;

/// <summary>ClusterInit and SampleApi, run as real processes, export OTLP/HTTP protobuf to a receiver the test runs.</summary>
public sealed class TelemetryExportTests(TelemetryFixture fixture) : IClassFixture<TelemetryFixture>
{
    private static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(15);

    private static readonly string[] ClusterInitSteps = ["wait", "inspect", "plan", "assign slots", "meet", "replicate", "verify"];

    [RedisFact]
    public void ClusterInitExportsEveryStepUnderOneRootSpanBeforeItExits()
    {
        var spans = fixture.SpansAtClusterInitExit.Where(span => span.ServiceName == TelemetryFixture.ClusterInitService).ToList();
        var because = $"received by the time ClusterInit exited:\n{fixture.ReceivedAtClusterInitExit}\nClusterInit: {fixture.ClusterInitRun}";

        var root = spans.SingleOrDefault(span => span.Name == "cluster-init" && span.ParentSpanId is null);
        Assert.True(root is not null, $"no root span 'cluster-init'; {because}");
        foreach (var step in ClusterInitSteps)
        {
            var span = spans.SingleOrDefault(span => span.Name == step);
            Assert.True(span is not null, $"no single span '{step}'; {because}");
            Assert.Equal("RedisAspire.ClusterInit", span.ScopeName);
            Assert.Equal(OtlpSpanKind.Internal, span.Kind);
            Assert.Equal(root.TraceId, span.TraceId);
            Assert.Equal(root.SpanId, span.ParentSpanId);
        }
    }

    [RedisFact]
    public void ClusterInitExportsItsLogsAndMetricsBeforeItExits()
    {
        var (logs, metrics) = fixture.LogAndMetricRequestsAtClusterInitExit;

        Assert.True(logs >= 1, $"no logs request from cluster-init; {fixture.ReceivedAtClusterInitExit}");
        Assert.True(metrics >= 1, $"no metrics request from cluster-init; {fixture.ReceivedAtClusterInitExit}");
    }

    [RedisFact]
    public async Task PutItemReachesTheCollectorAsOneTraceOfItsServerSpanAndItsRedisSpan()
    {
        var key = $"traced-{Guid.NewGuid():N}";
        var context = TraceContext.NewRandom();
        using var request = context.Request(HttpMethod.Put, $"items/{key}", new StringContent("value"));

        using var response = await fixture.Api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var spans = await fixture.Receiver.WaitForSpansAsync(
            received => received.Any(span => span.TraceId == context.TraceId && span.Name == "SET")
                && received.Any(span => span.TraceId == context.TraceId && span.Kind == OtlpSpanKind.Server),
            ExportWait,
            $"the server span and the SET span of trace {context.TraceId}");
        var trace = spans.Where(span => span.TraceId == context.TraceId).ToList();
        var server = Assert.Single(trace, span => span.Kind == OtlpSpanKind.Server);
        Assert.Equal(TelemetryFixture.SampleApiService, server.ServiceName);
        Assert.Equal("PUT /items/{key}", server.Name);
        Assert.Equal(context.ParentSpanId, server.ParentSpanId);
        var set = Assert.Single(trace, span => span.Name == "SET");
        Assert.Equal(TelemetryFixture.SampleApiService, set.ServiceName);
        Assert.Equal(OtlpSpanKind.Client, set.Kind);
        Assert.Equal(server.SpanId, set.ParentSpanId);
        Assert.Equal("redis", set.Attribute("db.system"));
    }

    [RedisFact]
    public async Task SampleApiExportsMetricsAndLogs()
    {
        using var response = await fixture.Api.Http.PostAsync(new Uri($"counters/metered-{Guid.NewGuid():N}/increment", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await fixture.Receiver.WaitForRequestAsync(OtlpReceiver.Metrics, TelemetryFixture.SampleApiService, ExportWait);
        await fixture.Receiver.WaitForRequestAsync(OtlpReceiver.Logs, TelemetryFixture.SampleApiService, ExportWait);
    }

    [RedisFact]
    public async Task NothingIsExportedWhenNoEndpointIsSet()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var environment = TelemetryFixture.SampleApiEnvironment(receiver);
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = null;
        await using var api = await SampleApiProcess.StartAsync(fixture.Cluster, environment);
        var key = $"untraced-{Guid.NewGuid():N}";

        using var put = await api.Http.PutAsync(new Uri($"items/{key}", UriKind.Relative), new StringContent("value"));
        using var get = await api.Http.GetAsync(new Uri($"items/{key}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("value", await get.Content.ReadAsStringAsync());
        // With the batch delays above, an exporting API sends spans, logs and metrics well within this window.
        var error = await Assert.ThrowsAsync<TimeoutException>(() => receiver.WaitUntilAsync(
            () => receiver.TotalRequests > 0, TimeSpan.FromSeconds(3), "any request"));
        Assert.Equal(0, receiver.TotalRequests);
        Assert.Contains("Requests: none", error.Message, StringComparison.Ordinal);
    }
}

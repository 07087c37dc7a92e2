using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
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
    public async Task PutItemTracesServerSpanAndSetSpanToTheKeysMasterInOneTrace()
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
        var because = "trace: " + string.Join("; ", trace);
        var server = Assert.Single(trace, span => span.Kind == OtlpSpanKind.Server);
        Assert.Equal(TelemetryFixture.SampleApiService, server.ServiceName);
        Assert.Equal("Microsoft.AspNetCore", server.ScopeName);
        Assert.Equal(context.ParentSpanId, server.ParentSpanId);
        Assert.Equal("PUT /items/{key?}", server.Name);
        Assert.Equal("/items/{key?}", server.Attribute("http.route"));
        Assert.Equal("PUT", server.Attribute("http.request.method"));
        Assert.Equal("204", server.Attribute("http.response.status_code"));
        var set = Assert.Single(trace, span => span.Name == "SET");
        Assert.Equal(TelemetryFixture.SampleApiService, set.ServiceName);
        Assert.Equal("RedisAspire.SampleApi", set.ScopeName);
        Assert.Equal(OtlpSpanKind.Client, set.Kind);
        Assert.True(set.ParentSpanId == server.SpanId, $"SET is not a child of the server span; {because}");
        Assert.Equal("redis", set.Attribute("db.system.name"));
        Assert.Equal("SET", set.Attribute("db.operation.name"));
        var location = await KeyLocation.FindAsync(fixture.Cluster, key);
        Assert.Equal(location.Master.Host, set.Attribute("server.address"));
        Assert.Equal(location.Master.Port.ToString(CultureInfo.InvariantCulture), set.Attribute("server.port"));
    }

    [RedisFact]
    public async Task RequestWithoutIncomingContextStartsATraceThatHoldsItsRedisSpan()
    {
        var key = $"missing-{Guid.NewGuid():N}";

        using var response = await fixture.Api.Http.GetAsync(new Uri($"items/{key}", UriKind.Relative));

        // The problem body carries the server span's W3C id ("00-{trace}-{span}-01"), which names the request's trace.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        var traceParent = problem?.Extensions.TryGetValue("traceId", out var id) == true ? id?.ToString() : null;
        Assert.True(traceParent?.Split('-') is [_, { Length: 32 }, { Length: 16 }, _], $"no W3C traceId in the problem: {traceParent}");
        var (traceId, serverSpanId) = (traceParent.Split('-')[1], traceParent.Split('-')[2]);
        var spans = await fixture.Receiver.WaitForSpansAsync(
            received => received.Count(span => span.TraceId == traceId) >= 2, ExportWait, $"the server span and the GET span of trace {traceId}");
        var trace = spans.Where(span => span.TraceId == traceId).ToList();
        var server = Assert.Single(trace, span => span.Kind == OtlpSpanKind.Server);
        Assert.Equal(serverSpanId, server.SpanId);
        Assert.Null(server.ParentSpanId);
        var get = Assert.Single(trace, span => span.Name == "GET");
        Assert.Equal(OtlpSpanKind.Client, get.Kind);
        Assert.Equal(server.SpanId, get.ParentSpanId);
        Assert.Equal("GET", get.Attribute("db.operation.name"));
    }

    [RedisFact]
    public async Task HealthAndAliveRequestsExportNoSpan()
    {
        var probes = new List<TraceContext>();
        foreach (var path in new[] { "health", "alive", "health", "alive" })
        {
            var context = TraceContext.NewRandom();
            probes.Add(context);
            using var request = context.Request(HttpMethod.Get, path);
            using var response = await fixture.Api.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Spans are exported in the order they end, so once a later request's spans arrived, the probes' would have too.
        var marker = TraceContext.NewRandom();
        using var markerRequest = marker.Request(HttpMethod.Get, $"items/marker-{Guid.NewGuid():N}");
        using var markerResponse = await fixture.Api.Http.SendAsync(markerRequest);
        Assert.Equal(HttpStatusCode.NotFound, markerResponse.StatusCode);
        var spans = await fixture.Receiver.WaitForSpansAsync(
            received => received.Any(span => span.TraceId == marker.TraceId && span.Kind == OtlpSpanKind.Server),
            ExportWait,
            $"the server span of the marker request (trace {marker.TraceId})");

        var probeTraces = probes.Select(probe => probe.TraceId).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(spans, span => probeTraces.Contains(span.TraceId));
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

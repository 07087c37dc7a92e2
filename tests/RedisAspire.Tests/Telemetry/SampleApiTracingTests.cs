using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using RedisAspire.Tests.Api;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Telemetry;

/// <summary>SampleApi's traces, asserted in-process on the spans OpenTelemetry hands to its (in-memory) exporter.</summary>
public sealed class SampleApiTracingTests(InProcessSampleApiFixture fixture) : IClassFixture<InProcessSampleApiFixture>
{
    private const string RedisSource = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    [RedisFact]
    public async Task PutItemIsOneTraceWhoseServerSpanIsNamedByItsRouteAndHoldsTheRedisSpan()
    {
        var key = $"traced-{Guid.NewGuid():N}";
        var context = TraceContext.NewRandom();
        using var request = context.Request(HttpMethod.Put, $"items/{key}", new StringContent("value"));

        using var response = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var spans = await fixture.WaitForSpansAsync(
            exported => exported.Any(s => s.TraceId.ToHexString() == context.TraceId && s.Kind == ActivityKind.Server)
                && exported.Any(s => s.TraceId.ToHexString() == context.TraceId && s.Source.Name == RedisSource),
            $"server span and Redis span of trace {context.TraceId}");
        var trace = spans.Where(s => s.TraceId.ToHexString() == context.TraceId).ToList();
        var because = "trace: " + string.Join("; ", trace.Select(InProcessSampleApiFixture.Describe));
        var server = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        Assert.Equal("PUT /items/{key}", server.DisplayName);
        Assert.Equal(context.ParentSpanId, server.ParentSpanId.ToHexString());
        Assert.Equal("/items/{key}", server.GetTagItem("http.route"));
        Assert.Equal("PUT", server.GetTagItem("http.request.method"));
        Assert.Equal(204, server.GetTagItem("http.response.status_code"));
        var redis = Assert.Single(trace, s => s.Source.Name == RedisSource);
        Assert.True(redis.ParentSpanId == server.SpanId, $"the Redis span is not a child of the server span; {because}");
        Assert.Equal(ActivityKind.Client, redis.Kind);
        Assert.Equal("SET", redis.DisplayName);
        Assert.Equal("redis", redis.GetTagItem("db.system"));
        var location = await KeyLocation.FindAsync(fixture.Cluster, key);
        var port = redis.GetTagItem("server.port") ?? redis.GetTagItem("net.peer.port");
        Assert.True(
            Convert.ToString(port, CultureInfo.InvariantCulture) == location.Master.Port.ToString(CultureInfo.InvariantCulture),
            $"the Redis span names port {port}, the key's master is {location.Master.Endpoint}; {because}");
    }

    [RedisFact]
    public async Task RequestWithoutIncomingContextStartsATraceThatHoldsItsRedisSpan()
    {
        var key = $"missing-{Guid.NewGuid():N}";

        using var response = await fixture.Http.GetAsync(new Uri($"items/{key}", UriKind.Relative));

        // The problem body carries the server span's W3C id ("00-{trace}-{span}-01"), which names the request's trace.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        var traceParent = problem?.Extensions.TryGetValue("traceId", out var id) == true ? id?.ToString() : null;
        Assert.True(traceParent?.Split('-') is [_, { Length: 32 }, { Length: 16 }, _], $"no W3C traceId in the problem: {traceParent}");
        var (traceId, serverSpanId) = (traceParent.Split('-')[1], traceParent.Split('-')[2]);
        var spans = await fixture.WaitForSpansAsync(
            exported => exported.Count(s => s.TraceId.ToHexString() == traceId) >= 2, $"the server span and the GET span of trace {traceId}");
        var trace = spans.Where(s => s.TraceId.ToHexString() == traceId).ToList();
        var server = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        Assert.Equal(serverSpanId, server.SpanId.ToHexString());
        Assert.Equal(default, server.ParentSpanId);
        var get = Assert.Single(trace, s => s.Source.Name == RedisSource);
        Assert.Equal("GET", get.DisplayName);
        Assert.Equal(server.SpanId, get.ParentSpanId);
    }

    [RedisFact]
    public async Task HealthAndAliveRequestsAreNotTracedNorTheRedisCommandsOfTheHealthCheck()
    {
        var probes = new List<TraceContext>();
        foreach (var path in new[] { "health", "alive", "health", "alive" })
        {
            var context = TraceContext.NewRandom();
            probes.Add(context);
            using var request = context.Request(HttpMethod.Get, path);
            using var response = await fixture.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Spans are exported as they end (the Redis client's when its profiling sessions are drained, all at once), so once
        // a later request's server and Redis spans are there, the probes' would be too.
        var marker = TraceContext.NewRandom();
        using var markerRequest = marker.Request(HttpMethod.Get, $"items/marker-{Guid.NewGuid():N}");
        using var markerResponse = await fixture.Http.SendAsync(markerRequest);
        Assert.Equal(HttpStatusCode.NotFound, markerResponse.StatusCode);
        var spans = await fixture.WaitForSpansAsync(
            exported => exported.Any(s => s.TraceId.ToHexString() == marker.TraceId && s.Kind == ActivityKind.Server)
                && exported.Any(s => s.TraceId.ToHexString() == marker.TraceId && s.Source.Name == RedisSource),
            "the marker's server and Redis spans");

        var probeTraces = probes.Select(probe => probe.TraceId).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(spans, s => probeTraces.Contains(s.TraceId.ToHexString()));

        // The fixture's first /health (no incoming context, while the client was still connecting) left nothing either:
        // every exported Redis span belongs to an exported request.
        var serverSpans = spans.Where(s => s.Kind == ActivityKind.Server).Select(s => s.SpanId).ToHashSet();
        var orphans = spans.Where(s => s.Source.Name == RedisSource && !serverSpans.Contains(s.ParentSpanId)).ToList();
        Assert.True(orphans.Count == 0, "Redis spans outside any exported request: " + string.Join("; ", orphans.Select(InProcessSampleApiFixture.Describe)));
    }
}

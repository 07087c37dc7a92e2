using System.Diagnostics;

namespace RedisAspire.Tests.Telemetry;

/// <summary>The OTLP decoder on requests the OpenTelemetry SDK's exporter produced.</summary>
public sealed class OtlpDecoderTests
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private const string ParentSpanId = "00f067aa0ba902b7";
    private static readonly string[] ArrayValue = ["a"];

    [Fact]
    public void DecodesSpanIdsNameKindScopeServiceAndScalarAttributes()
    {
        string spanId = "";
        var request = OtlpExport.Traces("sample-api", source =>
        {
            var parent = new ActivityContext(ActivityTraceId.CreateFromString(TraceId), ActivitySpanId.CreateFromString(ParentSpanId), ActivityTraceFlags.Recorded);
            using var activity = source.StartActivity("SET", ActivityKind.Client, parent)!;
            activity.SetTag("db.system.name", "redis");
            activity.SetTag("server.port", 7000);
            activity.SetTag("cached", true);
            activity.SetTag("ratio", 0.5);
            activity.SetTag("tags", ArrayValue);
            spanId = activity.SpanId.ToHexString();
        });

        var span = Assert.Single(OtlpDecoder.DecodeTraces(request));

        Assert.Equal("sample-api", span.ServiceName);
        Assert.Equal(OtlpExport.ScopeName, span.ScopeName);
        Assert.Equal("SET", span.Name);
        Assert.Equal(OtlpSpanKind.Client, span.Kind);
        Assert.Equal(TraceId, span.TraceId);
        Assert.Equal(spanId, span.SpanId);
        Assert.Equal(ParentSpanId, span.ParentSpanId);
        Assert.Equal("redis", span.Attribute("db.system.name"));
        Assert.Equal(7000L, span.Attributes["server.port"]);
        Assert.Equal(true, span.Attributes["cached"]);
        Assert.Equal(0.5, span.Attributes["ratio"]);
        Assert.False(span.Attributes.ContainsKey("tags"), "an array attribute is not a scalar and is skipped");
    }

    [Fact]
    public void RootSpanHasNoParent()
    {
        var request = OtlpExport.Traces("svc", source => source.StartActivity("root", ActivityKind.Server)!.Dispose());

        var span = Assert.Single(OtlpDecoder.DecodeTraces(request));

        Assert.Null(span.ParentSpanId);
        Assert.Equal(OtlpSpanKind.Server, span.Kind);
    }

    [Fact]
    public void DecodesServiceNameOfMetricsAndLogsRequests()
    {
        Assert.Equal(["cluster-init"], OtlpDecoder.DecodeServiceNames(OtlpExport.Metrics("cluster-init")));
        Assert.Equal(["sample-api"], OtlpDecoder.DecodeServiceNames(OtlpExport.Logs("sample-api")));
    }

    [Fact]
    public void EmptyRequestHoldsNoSpan()
    {
        Assert.Empty(OtlpDecoder.DecodeTraces(ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void TruncatedRequestThrows()
    {
        var request = OtlpExport.Traces("sample-api", source => source.StartActivity("SET")!.Dispose());

        Assert.Throws<InvalidDataException>(() => OtlpDecoder.DecodeTraces(request.AsMemory(0, request.Length - 1)));
    }
}

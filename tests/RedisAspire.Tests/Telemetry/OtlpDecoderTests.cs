namespace RedisAspire.Tests.Telemetry;

/// <summary>The OTLP decoder on requests encoded field by field.</summary>
public sealed class OtlpDecoderTests
{
    [Fact]
    public void DecodesSpanIdsNameKindScopeServiceAndScalarAttributes()
    {
        var span = Assert.Single(OtlpDecoder.DecodeTraces(OtlpRequests.OneSpan("sample-api", "SET")));

        Assert.Equal("sample-api", span.ServiceName);
        Assert.Equal("Test.Scope", span.ScopeName);
        Assert.Equal("SET", span.Name);
        Assert.Equal(OtlpSpanKind.Client, span.Kind);
        Assert.Equal(OtlpRequests.TraceId, span.TraceId);
        Assert.Equal(OtlpRequests.SpanId, span.SpanId);
        Assert.Equal(OtlpRequests.ParentSpanId, span.ParentSpanId);
        Assert.Equal("redis", span.Attribute("db.system.name"));
        Assert.Equal(7000L, span.Attributes["server.port"]);
        Assert.Equal(true, span.Attributes["cached"]);
        Assert.Equal(0.5, span.Attributes["ratio"]);
        Assert.False(span.Attributes.ContainsKey("tags"), "an array attribute is not a scalar and is skipped");
    }

    [Fact]
    public void DecodesServiceNameOfMetricsAndLogsRequests()
    {
        Assert.Equal(["cluster-init"], OtlpDecoder.DecodeServiceNames(OtlpRequests.OneResource("cluster-init")));
    }

    [Fact]
    public void EmptyRequestHoldsNoSpan()
    {
        Assert.Empty(OtlpDecoder.DecodeTraces(ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void TruncatedRequestThrows()
    {
        var request = OtlpRequests.OneSpan("sample-api", "SET");

        Assert.Throws<InvalidDataException>(() => OtlpDecoder.DecodeTraces(request.AsMemory(0, request.Length - 1)));
    }
}

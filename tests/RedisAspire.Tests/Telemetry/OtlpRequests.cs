namespace RedisAspire.Tests.Telemetry;

/// <summary>OTLP export requests encoded field by field, with fields the decoder must skip mixed in.</summary>
internal static class OtlpRequests
{
    public const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    public const string SpanId = "b7ad6b7169203331";
    public const string ParentSpanId = "00f067aa0ba902b7";

    /// <summary>
    /// One span named <paramref name="spanName"/> of kind Client from <paramref name="serviceName"/>, with
    /// <c>db.system.name=redis</c>, <c>server.port=7000</c>, <c>cached=true</c> and <c>ratio=0.5</c>;
    /// the resource comes after its scope_spans, as the wire format allows.
    /// </summary>
    public static byte[] OneSpan(string serviceName, string spanName) => new ProtobufWriter()
        .Message(1, resourceSpans => resourceSpans
            .Message(2, scopeSpans => scopeSpans
                .Message(1, scope => scope.String(1, "Test.Scope").String(2, "1.0.0"))
                .Message(2, span => span
                    .Bytes(1, Convert.FromHexString(TraceId))
                    .Bytes(2, Convert.FromHexString(SpanId))
                    .String(3, "vendor=state")
                    .Bytes(4, Convert.FromHexString(ParentSpanId))
                    .String(5, spanName)
                    .Varint(6, (ulong)OtlpSpanKind.Client)
                    .Fixed64(7, 1_700_000_000_000_000_000)
                    .Fixed64(8, 1_700_000_000_100_000_000)
                    .Message(9, StringAttribute("db.system.name", "redis"))
                    .Message(9, attribute => attribute.String(1, "server.port").Message(2, value => value.Varint(3, 7000)))
                    .Message(9, attribute => attribute.String(1, "cached").Message(2, value => value.Varint(2, 1)))
                    .Message(9, attribute => attribute.String(1, "ratio").Message(2, value => value.Fixed64(4, BitConverter.DoubleToUInt64Bits(0.5))))
                    .Message(9, attribute => attribute.String(1, "tags").Message(2, value => value.Message(5, array => array.Message(1, StringValue("a")))))
                    .Varint(10, 0)
                    .Message(15, status => status.Varint(3, 1)))
                .String(3, "https://opentelemetry.io/schemas/1.26.0"))
            .Message(1, Resource(serviceName)))
        .ToArray();

    /// <summary>An ExportMetricsServiceRequest or ExportLogsServiceRequest with one resource and an opaque payload.</summary>
    public static byte[] OneResource(string serviceName) => new ProtobufWriter()
        .Message(1, container => container
            .Message(1, Resource(serviceName))
            .Message(2, scope => scope.Message(1, name => name.String(1, "Test.Meter"))))
        .ToArray();

    private static Action<ProtobufWriter> Resource(string serviceName) => resource => resource
        .Message(1, StringAttribute("telemetry.sdk.language", "dotnet"))
        .Message(1, StringAttribute("service.name", serviceName))
        .Varint(2, 0);

    private static Action<ProtobufWriter> StringAttribute(string key, string value) =>
        attribute => attribute.String(1, key).Message(2, StringValue(value));

    private static Action<ProtobufWriter> StringValue(string value) => any => any.String(1, value);
}

namespace RedisAspire.Tests.Telemetry;

/// <summary>
/// Decodes just enough of OTLP's protobuf requests for tests (opentelemetry-proto, collector/*/v1): the resource's
/// <c>service.name</c>, the instrumentation scope's name and each span's ids, name, kind and scalar attributes.
/// Every other field is skipped.
/// </summary>
public static class OtlpDecoder
{
    private const string ServiceNameKey = "service.name";

    /// <summary>ExportTraceServiceRequest: resource_spans(1) → resource(1), scope_spans(2) → scope(1), spans(2).</summary>
    public static IReadOnlyList<ReceivedSpan> DecodeTraces(ReadOnlyMemory<byte> request)
    {
        var spans = new List<ReceivedSpan>();
        var reader = new ProtobufReader(request);
        while (reader.TryReadTag(out var field, out var type))
        {
            if (field == 1 && type == ProtobufWireType.LengthDelimited)
            {
                ReadResourceSpans(reader.ReadMessage(), spans);
            }
            else
            {
                reader.Skip(field, type);
            }
        }

        return spans;
    }

    /// <summary>
    /// The <c>service.name</c> of each resource in an ExportMetricsServiceRequest or ExportLogsServiceRequest
    /// (resource_metrics(1) / resource_logs(1) → resource(1)); <see langword="null"/> for a resource without one.
    /// </summary>
    public static IReadOnlyList<string?> DecodeServiceNames(ReadOnlyMemory<byte> request)
    {
        var names = new List<string?>();
        var reader = new ProtobufReader(request);
        while (reader.TryReadTag(out var field, out var type))
        {
            if (field == 1 && type == ProtobufWireType.LengthDelimited)
            {
                names.Add(ReadServiceNameOfResourceContainer(reader.ReadMessage()));
            }
            else
            {
                reader.Skip(field, type);
            }
        }

        return names;
    }

    private static void ReadResourceSpans(ProtobufReader reader, List<ReceivedSpan> spans)
    {
        string? serviceName = null;
        var scopes = new List<ProtobufReader>();
        while (reader.TryReadTag(out var field, out var type))
        {
            switch (field, type)
            {
                case (1, ProtobufWireType.LengthDelimited):
                    serviceName = ReadServiceName(reader.ReadMessage());
                    break;
                case (2, ProtobufWireType.LengthDelimited):
                    // The resource may follow its scope_spans on the wire, so spans are read once it is known.
                    scopes.Add(reader.ReadMessage());
                    break;
                default:
                    reader.Skip(field, type);
                    break;
            }
        }

        foreach (var scope in scopes)
        {
            ReadScopeSpans(scope, serviceName, spans);
        }
    }

    private static void ReadScopeSpans(ProtobufReader reader, string? serviceName, List<ReceivedSpan> spans)
    {
        string? scopeName = null;
        var encodedSpans = new List<ProtobufReader>();
        while (reader.TryReadTag(out var field, out var type))
        {
            switch (field, type)
            {
                case (1, ProtobufWireType.LengthDelimited):
                    scopeName = ReadScopeName(reader.ReadMessage());
                    break;
                case (2, ProtobufWireType.LengthDelimited):
                    encodedSpans.Add(reader.ReadMessage());
                    break;
                default:
                    reader.Skip(field, type);
                    break;
            }
        }

        spans.AddRange(encodedSpans.Select(span => ReadSpan(span, serviceName, scopeName)));
    }

    private static ReceivedSpan ReadSpan(ProtobufReader reader, string? serviceName, string? scopeName)
    {
        string traceId = "", spanId = "", name = "";
        string? parentSpanId = null;
        var kind = OtlpSpanKind.Unspecified;
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        while (reader.TryReadTag(out var field, out var type))
        {
            switch (field, type)
            {
                case (1, ProtobufWireType.LengthDelimited):
                    traceId = Convert.ToHexStringLower(reader.ReadLengthDelimited().Span);
                    break;
                case (2, ProtobufWireType.LengthDelimited):
                    spanId = Convert.ToHexStringLower(reader.ReadLengthDelimited().Span);
                    break;
                case (4, ProtobufWireType.LengthDelimited):
                    var parent = reader.ReadLengthDelimited();
                    parentSpanId = parent.IsEmpty ? null : Convert.ToHexStringLower(parent.Span);
                    break;
                case (5, ProtobufWireType.LengthDelimited):
                    name = reader.ReadString();
                    break;
                case (6, ProtobufWireType.Varint):
                    kind = (OtlpSpanKind)(int)reader.ReadVarint();
                    break;
                case (9, ProtobufWireType.LengthDelimited):
                    if (ReadKeyValue(reader.ReadMessage()) is ({ } key, { } value))
                    {
                        attributes[key] = value;
                    }

                    break;
                default:
                    reader.Skip(field, type);
                    break;
            }
        }

        return new ReceivedSpan(serviceName, scopeName, name, kind, traceId, spanId, parentSpanId, attributes);
    }

    private static string? ReadServiceNameOfResourceContainer(ProtobufReader reader)
    {
        string? serviceName = null;
        while (reader.TryReadTag(out var field, out var type))
        {
            if (field == 1 && type == ProtobufWireType.LengthDelimited)
            {
                serviceName = ReadServiceName(reader.ReadMessage());
            }
            else
            {
                reader.Skip(field, type);
            }
        }

        return serviceName;
    }

    // Resource: attributes(1) KeyValue.
    private static string? ReadServiceName(ProtobufReader reader)
    {
        string? serviceName = null;
        while (reader.TryReadTag(out var field, out var type))
        {
            if (field != 1 || type != ProtobufWireType.LengthDelimited)
            {
                reader.Skip(field, type);
            }
            else if (ReadKeyValue(reader.ReadMessage()) is (ServiceNameKey, string name))
            {
                serviceName = name;
            }
        }

        return serviceName;
    }

    // InstrumentationScope: name(1).
    private static string? ReadScopeName(ProtobufReader reader)
    {
        string? name = null;
        while (reader.TryReadTag(out var field, out var type))
        {
            if (field == 1 && type == ProtobufWireType.LengthDelimited)
            {
                name = reader.ReadString();
            }
            else
            {
                reader.Skip(field, type);
            }
        }

        return name;
    }

    // KeyValue: key(1), value(2) AnyValue.
    private static (string? Key, object? Value) ReadKeyValue(ProtobufReader reader)
    {
        string? key = null;
        object? value = null;
        while (reader.TryReadTag(out var field, out var type))
        {
            switch (field, type)
            {
                case (1, ProtobufWireType.LengthDelimited):
                    key = reader.ReadString();
                    break;
                case (2, ProtobufWireType.LengthDelimited):
                    value = ReadAnyValue(reader.ReadMessage());
                    break;
                default:
                    reader.Skip(field, type);
                    break;
            }
        }

        return (key, value);
    }

    // AnyValue: string_value(1), bool_value(2), int_value(3), double_value(4); arrays, kvlists and bytes are skipped.
    private static object? ReadAnyValue(ProtobufReader reader)
    {
        object? value = null;
        while (reader.TryReadTag(out var field, out var type))
        {
            switch (field, type)
            {
                case (1, ProtobufWireType.LengthDelimited):
                    value = reader.ReadString();
                    break;
                case (2, ProtobufWireType.Varint):
                    value = reader.ReadVarint() != 0;
                    break;
                case (3, ProtobufWireType.Varint):
                    value = unchecked((long)reader.ReadVarint());
                    break;
                case (4, ProtobufWireType.Fixed64):
                    value = BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
                    break;
                default:
                    reader.Skip(field, type);
                    break;
            }
        }

        return value;
    }
}

using Google.Protobuf;

namespace RedisAspire.Tests.Telemetry;

/// <summary>
/// Decodes just enough of OTLP's protobuf requests for tests (opentelemetry-proto, collector/*/v1): the resource's
/// <c>service.name</c>, the instrumentation scope's name and each span's ids, name, kind and scalar attributes. The wire
/// format is read with Google.Protobuf; the field numbers are OTLP's, written here because no served package carries
/// OTLP's generated message classes (OpenTelemetry.Proto is not available). Every other field is skipped.
/// </summary>
public static class OtlpDecoder
{
    private const string ServiceNameKey = "service.name";

    /// <summary>ExportTraceServiceRequest: resource_spans(1) → resource(1), scope_spans(2) → scope(1), spans(2).</summary>
    /// <exception cref="InvalidDataException">The request is not valid protobuf.</exception>
    public static IReadOnlyList<ReceivedSpan> DecodeTraces(ReadOnlyMemory<byte> request) => Decode(request, input =>
    {
        var spans = new List<ReceivedSpan>();
        ReadFields(input, (field, stream) => field == 1 && ReadMessage(stream, resourceSpans => ReadResourceSpans(resourceSpans, spans)));
        return spans;
    });

    /// <summary>
    /// The <c>service.name</c> of each resource in an ExportMetricsServiceRequest or ExportLogsServiceRequest
    /// (resource_metrics(1) / resource_logs(1) → resource(1)); <see langword="null"/> for a resource without one.
    /// </summary>
    /// <exception cref="InvalidDataException">The request is not valid protobuf.</exception>
    public static IReadOnlyList<string?> DecodeServiceNames(ReadOnlyMemory<byte> request) => Decode(request, input =>
    {
        var names = new List<string?>();
        ReadFields(input, (field, stream) => field == 1 && ReadMessage(stream, container =>
        {
            string? name = null;
            ReadFields(container, (inner, s) => inner == 1 && ReadMessage(s, resource => name = ReadServiceName(resource)));
            names.Add(name);
        }));
        return names;
    });

    private static T Decode<T>(ReadOnlyMemory<byte> request, Func<CodedInputStream, T> read)
    {
        try
        {
            return read(new CodedInputStream(request.ToArray()));
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new InvalidDataException($"Not a valid OTLP protobuf request: {exception.Message}", exception);
        }
    }

    private static void ReadResourceSpans(CodedInputStream input, List<ReceivedSpan> spans)
    {
        string? serviceName = null;
        var scopes = new List<ByteString>();
        ReadFields(input, (field, stream) => field switch
        {
            1 => ReadMessage(stream, resource => serviceName = ReadServiceName(resource)),
            // The resource may follow its scope_spans on the wire, so spans are read once it is known.
            2 => Keep(stream, scopes),
            _ => false,
        });
        foreach (var scope in scopes)
        {
            ReadScopeSpans(scope.CreateCodedInput(), serviceName, spans);
        }
    }

    private static void ReadScopeSpans(CodedInputStream input, string? serviceName, List<ReceivedSpan> spans)
    {
        string? scopeName = null;
        var encodedSpans = new List<ByteString>();
        ReadFields(input, (field, stream) => field switch
        {
            1 => ReadMessage(stream, scope => ReadFields(scope, (f, s) => f == 1 && Read(() => scopeName = s.ReadString()))),
            2 => Keep(stream, encodedSpans),
            _ => false,
        });
        spans.AddRange(encodedSpans.Select(span => ReadSpan(span.CreateCodedInput(), serviceName, scopeName)));
    }

    private static ReceivedSpan ReadSpan(CodedInputStream input, string? serviceName, string? scopeName)
    {
        string traceId = "", spanId = "", name = "";
        string? parentSpanId = null;
        var kind = OtlpSpanKind.Unspecified;
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        ReadFields(input, (field, stream) => field switch
        {
            1 => Read(() => traceId = Hex(stream.ReadBytes())),
            2 => Read(() => spanId = Hex(stream.ReadBytes())),
            4 => Read(() => parentSpanId = stream.ReadBytes() is { IsEmpty: false } parent ? Hex(parent) : null),
            5 => Read(() => name = stream.ReadString()),
            6 => Read(() => kind = (OtlpSpanKind)stream.ReadEnum()),
            9 => ReadMessage(stream, keyValue =>
            {
                if (ReadKeyValue(keyValue) is ({ } key, { } value))
                {
                    attributes[key] = value;
                }
            }),
            _ => false,
        });
        return new ReceivedSpan(serviceName, scopeName, name, kind, traceId, spanId, parentSpanId, attributes);
    }

    // Resource: attributes(1) KeyValue.
    private static string? ReadServiceName(CodedInputStream input)
    {
        string? serviceName = null;
        ReadFields(input, (field, stream) => field == 1 && ReadMessage(stream, keyValue =>
        {
            if (ReadKeyValue(keyValue) is (ServiceNameKey, string name))
            {
                serviceName = name;
            }
        }));
        return serviceName;
    }

    // KeyValue: key(1), value(2) AnyValue: string_value(1), bool_value(2), int_value(3), double_value(4); arrays, kvlists and bytes are skipped.
    private static (string? Key, object? Value) ReadKeyValue(CodedInputStream input)
    {
        string? key = null;
        object? value = null;
        ReadFields(input, (field, stream) => field switch
        {
            1 => Read(() => key = stream.ReadString()),
            2 => ReadMessage(stream, any => ReadFields(any, (f, s) => f switch
            {
                1 => Read(() => value = s.ReadString()),
                2 => Read(() => value = s.ReadBool()),
                3 => Read(() => value = s.ReadInt64()),
                4 => Read(() => value = s.ReadDouble()),
                _ => false,
            })),
            _ => false,
        });
        return (key, value);
    }

    /// <summary>Reads every field; <paramref name="read"/> returns false for a field it does not read, which is skipped.</summary>
    private static void ReadFields(CodedInputStream input, Func<int, CodedInputStream, bool> read)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (!read(WireFormat.GetTagFieldNumber(tag), input))
            {
                input.SkipLastField();
            }
        }
    }

    private static bool ReadMessage(CodedInputStream input, Action<CodedInputStream> read)
    {
        read(input.ReadBytes().CreateCodedInput());
        return true;
    }

    private static bool Keep(CodedInputStream input, List<ByteString> messages)
    {
        messages.Add(input.ReadBytes());
        return true;
    }

    private static bool Read(Action read)
    {
        read();
        return true;
    }

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}

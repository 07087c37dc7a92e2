using System.Globalization;

namespace RedisAspire.Tests.Telemetry;

/// <summary>One span as an OTLP exporter sent it: ids are lower-case hex, attributes keep their wire type (string, long, bool, double).</summary>
public sealed record ReceivedSpan(
    string? ServiceName,
    string? ScopeName,
    string Name,
    OtlpSpanKind Kind,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    IReadOnlyDictionary<string, object> Attributes)
{
    /// <summary>The attribute's value as text (integers in invariant culture), or <see langword="null"/> when absent.</summary>
    public string? Attribute(string key) => Attributes.TryGetValue(key, out var value)
        ? Convert.ToString(value, CultureInfo.InvariantCulture)
        : null;

    public override string ToString()
    {
        var attributes = string.Join(", ", Attributes.Select(pair => $"{pair.Key}={Convert.ToString(pair.Value, CultureInfo.InvariantCulture)}"));
        return $"[{ServiceName ?? "?"} / {ScopeName ?? "?"}] '{Name}' {Kind} trace={TraceId} span={SpanId} parent={ParentSpanId ?? "-"} {{{attributes}}}";
    }
}

namespace RedisAspire.Tests.Telemetry;

/// <summary>OTLP's <c>Span.SpanKind</c>, with the values it has on the wire.</summary>
public enum OtlpSpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

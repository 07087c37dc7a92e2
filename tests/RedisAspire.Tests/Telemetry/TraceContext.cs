using System.Security.Cryptography;

namespace RedisAspire.Tests.Telemetry;

/// <summary>
/// A W3C trace context the test sends as <c>traceparent</c> (sampled), so the server span of exactly that request can be
/// found among everything exported: it carries <see cref="TraceId"/> and has <see cref="ParentSpanId"/> as its parent.
/// </summary>
public sealed record TraceContext(string TraceId, string ParentSpanId)
{
    public string TraceParent => $"00-{TraceId}-{ParentSpanId}-01";

    public static TraceContext NewRandom() =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));

    /// <summary>A request carrying this context.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add("traceparent", TraceParent);
        return request;
    }
}

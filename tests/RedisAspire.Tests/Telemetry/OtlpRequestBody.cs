using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace RedisAspire.Tests.Telemetry;

/// <summary>Reads an OTLP/HTTP request body, inflating it when the exporter sent <c>Content-Encoding: gzip</c>.</summary>
internal static class OtlpRequestBody
{
    /// <summary>The body's bytes; an encoding other than gzip or identity throws an <see cref="InvalidDataException"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString();
        using var buffer = new MemoryStream();
        if (encoding.Length == 0 || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }
        else if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            await using var gzip = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            await gzip.CopyToAsync(buffer, cancellationToken);
        }
        else
        {
            throw new InvalidDataException($"unsupported Content-Encoding '{encoding}'");
        }

        return buffer.ToArray();
    }
}

using System.Net;

namespace RedisAspire.Tests.Api;

/// <summary>A body whose length is not announced, so HttpClient sends it with chunked transfer encoding.</summary>
internal sealed class UnknownLengthContent(Stream payload) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => payload.CopyToAsync(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            payload.Dispose();
        }

        base.Dispose(disposing);
    }
}

using System.Globalization;
using System.Text;
using RedisAspire.Cluster.Resp;

namespace RedisAspire.Tests.Unit;

/// <summary>
/// A peer cannot make the reader allocate far more than it sent: lengths announced in headers are not reserved
/// before the bytes behind them arrive. Measured on one thread: over a <see cref="MemoryStream"/> every read completes
/// synchronously, so the whole read runs on the calling thread.
/// </summary>
public class RespReaderAllocationTests
{
    // Generous for the reader's own 68 KiB buffer and bookkeeping; far below what the headers announce.
    private const long AllowedBytes = 8 * 1024 * 1024;

    [Fact]
    public void NestedMaximalArrayHeadersDoNotReserveTheirAnnouncedSize()
    {
        // 32 nested arrays, each announcing MaxArrayLength items: a few hundred bytes on the wire.
        var header = "*" + RespReader.MaxArrayLength.ToString(CultureInfo.InvariantCulture) + "\r\n";
        var input = string.Concat(Enumerable.Repeat(header, 32));

        var allocated = AllocatedWhileRejecting(input);

        Assert.True(allocated < AllowedBytes, $"reading {input.Length} bytes of array headers allocated {allocated:N0} bytes");
    }

    [Fact]
    public void MaximalBulkHeaderDoesNotReserveItsAnnouncedSize()
    {
        var input = "$" + RespReader.MaxBulkLength.ToString(CultureInfo.InvariantCulture) + "\r\nonly a few bytes";

        var allocated = AllocatedWhileRejecting(input);

        Assert.True(allocated < AllowedBytes, $"reading {input.Length} bytes allocated {allocated:N0} bytes");
    }

    [Fact]
    public async Task LargeBulkThatDoesArriveIsStillReadWhole()
    {
        var payload = new string('x', 3 * 1024 * 1024 + 17);
        var reader = new RespReader(new MemoryStream(Encoding.ASCII.GetBytes($"${payload.Length}\r\n{payload}\r\n")));

        var value = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(payload, value.AsText());
    }

    private static long AllocatedWhileRejecting(string input)
    {
        var stream = new MemoryStream(Encoding.ASCII.GetBytes(input));
        var reader = new RespReader(stream);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = reader.ReadAsync(CancellationToken.None);
        Assert.True(read.IsCompleted, "a read over a MemoryStream must complete synchronously for this measurement");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.IsType<RespProtocolException>(read.Exception?.InnerException);
        return allocated;
    }
}

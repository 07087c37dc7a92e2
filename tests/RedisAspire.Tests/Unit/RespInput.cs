using System.Text;
using RedisAspire.Cluster.Resp;

namespace RedisAspire.Tests.Unit;

/// <summary>Feeds bytes to a <see cref="RespReader"/> with every read bounded in time.</summary>
internal static class RespInput
{
    /// <summary>Far longer than any read here needs; reaching it means the reader hangs.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Reads one reply from a stream that delivers <paramref name="text"/> in one piece.</summary>
    public static Task<RespValue> ReadAsync(string text) => ReadAsync(new MemoryStream(Bytes(text)));

    /// <summary>Reads one reply from a stream that delivers <paramref name="text"/> one byte per read.</summary>
    public static Task<RespValue> ReadTrickledAsync(string text) => ReadAsync(new TrickleStream(Bytes(text)));

    public static async Task<RespValue> ReadAsync(Stream stream) => (await ReadManyAsync(stream, 1))[0];

    /// <summary>
    /// Reads <paramref name="count"/> replies in order. The work runs on the thread pool and is awaited
    /// with a deadline, so even a reader that spins synchronously or ignores its token fails the test
    /// with <see cref="TimeoutException"/> instead of hanging it.
    /// </summary>
    public static async Task<IReadOnlyList<RespValue>> ReadManyAsync(Stream stream, int count)
    {
        using var timeout = new CancellationTokenSource(Limit);
        var reader = new RespReader(stream);
        return await Task.Run(
            async () =>
            {
                var values = new List<RespValue>(count);
                for (var i = 0; i < count; i++)
                {
                    values.Add(await reader.ReadAsync(timeout.Token));
                }

                return values;
            },
            timeout.Token).WaitAsync(Limit + TimeSpan.FromSeconds(1));
    }
}

namespace RedisAspire.Tests.Unit;

/// <summary>
/// A read-only stream that hands out its bytes a few at a time (one per read by default), each read
/// completing asynchronously, and then reports end of stream: a peer whose reply arrives in pieces.
/// </summary>
public sealed class TrickleStream : Stream
{
    private readonly byte[] _data;
    private readonly int _maxChunk;
    private readonly Random? _random;
    private int _position;

    /// <param name="data">Everything the peer sends before closing.</param>
    /// <param name="maxChunk">Most bytes one read returns.</param>
    /// <param name="random">When given, each read returns a random 1..<paramref name="maxChunk"/> bytes.</param>
    public TrickleStream(byte[] data, int maxChunk = 1, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChunk, 1);
        _data = data;
        _maxChunk = maxChunk;
        _random = random;
    }

    public int ReadCalls { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Yield so every read really completes later, as a socket read would.
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return Take(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Take(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Take(Span<byte> target)
    {
        ReadCalls++;
        var chunk = _random is null ? _maxChunk : _random.Next(1, _maxChunk + 1);
        var count = Math.Min(Math.Min(chunk, target.Length), _data.Length - _position);
        _data.AsSpan(_position, count).CopyTo(target);
        _position += count;
        return count;
    }
}

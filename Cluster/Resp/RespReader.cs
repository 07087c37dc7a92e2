using System.Globalization;
using System.Text;

namespace RedisAspire.Cluster.Resp;

/// <summary>
/// Reads RESP2 replies from a stream. Every length is bounded, so a peer that sends garbage
/// or a huge length cannot make the reader allocate without limit; a peer that stops
/// mid-reply surfaces as <see cref="RespProtocolException"/>.
/// </summary>
public sealed class RespReader
{
    /// <summary>Largest bulk string accepted (admin replies such as CLUSTER NODES are far smaller).</summary>
    public const int MaxBulkLength = 64 * 1024 * 1024;

    /// <summary>Largest array accepted.</summary>
    public const int MaxArrayLength = 1024 * 1024;

    /// <summary>Longest line (simple string, error, integer, length header) accepted.</summary>
    public const int MaxLineLength = 64 * 1024;

    private const int MaxDepth = 32;

    // What a header may reserve before its content arrives.
    private const int ReserveLimit = 64 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[MaxLineLength + 4096];
    private int _start;
    private int _end;

    public RespReader(Stream stream)
    {
        _stream = stream;
    }

    public async Task<RespValue> ReadAsync(CancellationToken cancellationToken) =>
        await ReadValueAsync(0, cancellationToken).ConfigureAwait(false);

    private async Task<RespValue> ReadValueAsync(int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            throw new RespProtocolException($"RESP reply nested deeper than {MaxDepth} levels.");
        }

        var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line.Length == 0)
        {
            throw new RespProtocolException("Empty RESP line: expected a type byte.");
        }

        var payload = line[1..];
        switch (line[0])
        {
            case '+':
                return RespValue.SimpleString(payload);
            case '-':
                return RespValue.Error(payload);
            case ':':
                return RespValue.FromInteger(ParseInteger(payload, "integer"));
            case '$':
                return await ReadBulkAsync(payload, cancellationToken).ConfigureAwait(false);
            case '*':
                return await ReadArrayAsync(payload, depth, cancellationToken).ConfigureAwait(false);
            default:
                throw new RespProtocolException($"Unknown RESP type byte 0x{(int)line[0]:x2} in line '{Printable(line)}'.");
        }
    }

    private async Task<RespValue> ReadBulkAsync(string header, CancellationToken cancellationToken)
    {
        var length = ParseInteger(header, "bulk string length");
        if (length == -1)
        {
            return RespValue.Null;
        }

        if (length < 0 || length > MaxBulkLength)
        {
            throw new RespProtocolException($"Bulk string length {length} is outside 0..{MaxBulkLength}.");
        }

        // Memory grows with the bytes that arrive, not with the length a peer announces.
        var bytes = new byte[Math.Min(length, ReserveLimit)];
        var received = 0;
        while (received < length)
        {
            if (received == bytes.Length)
            {
                Array.Resize(ref bytes, (int)Math.Min(length, (long)bytes.Length * 2));
            }

            received += await ReadSomeAsync(bytes.AsMemory(received, bytes.Length - received), cancellationToken).ConfigureAwait(false);
        }

        var terminator = new byte[2];
        await ReadExactAsync(terminator, cancellationToken).ConfigureAwait(false);
        if (terminator[0] != '\r' || terminator[1] != '\n')
        {
            throw new RespProtocolException($"Bulk string of {length} bytes is not followed by CRLF.");
        }

        return RespValue.BulkString(Encoding.UTF8.GetString(bytes));
    }

    private async Task<RespValue> ReadArrayAsync(string header, int depth, CancellationToken cancellationToken)
    {
        var count = ParseInteger(header, "array length");
        if (count == -1)
        {
            return RespValue.Null;
        }

        if (count < 0 || count > MaxArrayLength)
        {
            throw new RespProtocolException($"Array length {count} is outside 0..{MaxArrayLength}.");
        }

        // Not reserved up front: nested headers announcing the maximum would otherwise reserve it at every level.
        var items = new List<RespValue>((int)Math.Min(count, ReserveLimit / 8));
        for (var i = 0; i < count; i++)
        {
            items.Add(await ReadValueAsync(depth + 1, cancellationToken).ConfigureAwait(false));
        }

        return RespValue.Array(items);
    }

    private static long ParseInteger(string text, string what)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new RespProtocolException($"Invalid RESP {what} '{Printable(text)}'.");
        }

        return value;
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanFrom = _start;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', scanFrom, _end - scanFrom);
            if (newline >= 0)
            {
                if (newline - _start + 1 > MaxLineLength)
                {
                    throw new RespProtocolException($"RESP line longer than {MaxLineLength} bytes.");
                }

                if (newline == _start || _buffer[newline - 1] != '\r')
                {
                    throw new RespProtocolException("RESP line ends with LF but not CRLF.");
                }

                var line = Encoding.UTF8.GetString(_buffer, _start, newline - 1 - _start);
                _start = newline + 1;
                return line;
            }

            if (_end - _start >= MaxLineLength)
            {
                throw new RespProtocolException($"RESP line longer than {MaxLineLength} bytes.");
            }

            scanFrom = _end;
            var consumed = _start;
            await FillAsync(cancellationToken).ConfigureAwait(false);
            scanFrom -= consumed - _start;
        }
    }

    /// <summary>Copies at least one buffered or newly read byte into <paramref name="target"/>; returns how many.</summary>
    private async Task<int> ReadSomeAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }

        var count = Math.Min(target.Length, _end - _start);
        _buffer.AsMemory(_start, count).CopyTo(target);
        _start += count;
        return count;
    }

    private async Task ReadExactAsync(byte[] target, CancellationToken cancellationToken)
    {
        var copied = 0;
        while (copied < target.Length)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            var count = Math.Min(target.Length - copied, _end - _start);
            Buffer.BlockCopy(_buffer, _start, target, copied, count);
            _start += count;
            copied += count;
        }
    }

    /// <summary>Compacts the buffer and reads more bytes; end of stream mid-reply is an error.</summary>
    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new RespProtocolException("Connection closed in the middle of a RESP reply.");
        }

        _end += read;
    }

    private static string Printable(string text)
    {
        var shortened = text.Length > 64 ? text[..64] + "…" : text;
        return new string(shortened.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}

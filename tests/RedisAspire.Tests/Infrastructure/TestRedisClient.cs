using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace RedisAspire.Tests.Infrastructure;

/// <summary>
/// A deliberately tiny RESP2 client for tests: connect, AUTH, send one command, read one reply.
/// It shares no code with ClusterInit's own RESP connection, so a bug there is not hidden by reusing it.
/// Every network operation is bounded by <see cref="Timeout"/>.
/// </summary>
public sealed class TestRedisClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private TestRedisClient(TcpClient tcp, string endpoint, TimeSpan timeout)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        Endpoint = endpoint;
        Timeout = timeout;
    }

    public string Endpoint { get; }

    public TimeSpan Timeout { get; }

    /// <summary>
    /// Connects to <paramref name="host"/>:<paramref name="port"/> and, when a password is given, sends AUTH: as
    /// <paramref name="user"/> when one is given, else as the <c>default</c> user.
    /// </summary>
    public static async Task<TestRedisClient> ConnectAsync(
        string host, int port, string? password, TimeSpan? timeout = null, string? user = null, CancellationToken cancellationToken = default)
    {
        var bound = timeout ?? TimeSpan.FromSeconds(5);
        var endpoint = $"{host}:{port}";
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                cts.CancelAfter(bound);
                try
                {
                    await tcp.ConnectAsync(host, port, cts.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"Connecting to {endpoint} did not finish within {bound.TotalSeconds:0.#} s.");
                }
            }

            var client = new TestRedisClient(tcp, endpoint, bound);
            if (!string.IsNullOrEmpty(password))
            {
                var reply = await client.ExecuteAsync(user is null ? ["AUTH", password] : ["AUTH", user, password], cancellationToken);
                if (reply.IsError)
                {
                    await client.DisposeAsync();
                    throw new InvalidOperationException($"AUTH on {endpoint} failed: {reply.Text}");
                }
            }

            return client;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command and reads its reply; an error reply is returned, not thrown.</summary>
    public Task<RespReply> ExecuteAsync(params string[] args) => ExecuteAsync(args, CancellationToken.None);

    /// <inheritdoc cref="ExecuteAsync(string[])"/>
    public async Task<RespReply> ExecuteAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(args.Length);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(Timeout);
        try
        {
            await _stream.WriteAsync(Encode(args), cts.Token);
            return await ReadReplyAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{args[0]} on {Endpoint} got no complete reply within {Timeout.TotalSeconds:0.#} s.");
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    private static byte[] Encode(string[] args)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"*{args.Length}\r\n");
        foreach (var arg in args)
        {
            builder.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(arg)}\r\n{arg}\r\n");
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private async Task<RespReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken);
        if (line.Length == 0)
        {
            throw new InvalidDataException($"Empty RESP line from {Endpoint}.");
        }

        var payload = line[1..];
        switch (line[0])
        {
            case '+':
                return RespReply.Simple(payload);
            case '-':
                return RespReply.Error(payload);
            case ':':
                return RespReply.Number(long.Parse(payload, CultureInfo.InvariantCulture));
            case '$':
                var length = int.Parse(payload, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return RespReply.Null();
                }

                var bytes = await ReadExactAsync(length + 2, cancellationToken);
                return RespReply.Bulk(Encoding.UTF8.GetString(bytes, 0, length));
            case '*':
                var count = int.Parse(payload, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return RespReply.Null();
                }

                var items = new List<RespReply>(count);
                for (var i = 0; i < count; i++)
                {
                    items.Add(await ReadReplyAsync(cancellationToken));
                }

                return RespReply.Array(items);
            default:
                throw new InvalidDataException($"Unknown RESP type '{line[0]}' from {Endpoint}: {line}");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var newline = span.IndexOf("\r\n"u8);
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString(span[..newline]);
                _start += newline + 2;
                return line;
            }

            await FillAsync(cancellationToken);
        }
    }

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var copied = 0;
        while (copied < count)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken);
            }

            var chunk = Math.Min(count - copied, _end - _start);
            Array.Copy(_buffer, _start, result, copied, chunk);
            _start += chunk;
            copied += chunk;
        }

        return result;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new InvalidDataException($"A RESP line from {Endpoint} is longer than {_buffer.Length} bytes.");
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (read == 0)
        {
            throw new IOException($"{Endpoint} closed the connection.");
        }

        _end += read;
    }
}

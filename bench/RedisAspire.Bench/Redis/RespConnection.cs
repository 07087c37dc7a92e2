using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace RedisAspire.Bench.Redis;

/// <summary>
/// A small authenticated RESP2 connection to one node for the benchmark's own checks (CLUSTER NODES, INFO …),
/// independent of the products under measurement.
/// </summary>
public sealed class RespConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly BufferedStream _reader;

    private RespConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new BufferedStream(_stream, 16 * 1024);
    }

    /// <summary>
    /// Connects to <paramref name="host"/>:<paramref name="port"/> and sends AUTH (as <paramref name="user"/> when given;
    /// none for an empty <paramref name="password"/>); every step bounded by <paramref name="timeout"/>.
    /// </summary>
    public static async Task<RespConnection> ConnectAsync(
        string host, int port, string password, TimeSpan timeout, string? user = null, CancellationToken cancellationToken = default)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(timeout);
            await client.ConnectAsync(host, port, connectTimeout.Token);
            client.ReceiveTimeout = (int)timeout.TotalMilliseconds;
            client.SendTimeout = (int)timeout.TotalMilliseconds;
            var connection = new RespConnection(client);
            if (password.Length == 0)
            {
                return connection;
            }

            var auth = user is null ? await connection.ExecuteAsync("AUTH", password) : await connection.ExecuteAsync("AUTH", user, password);
            if (auth.IsError)
            {
                await connection.DisposeAsync();
                throw new InvalidOperationException($"AUTH{(user is null ? "" : " as " + user)} on {host}:{port} failed: {auth.Text}");
            }

            return connection;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command and reads its reply (blocking reads bounded by the connect timeout).</summary>
    public async Task<RespReply> ExecuteAsync(params string[] arguments)
    {
        var request = new StringBuilder();
        request.Append('*').Append(arguments.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument).ToString(CultureInfo.InvariantCulture)).Append("\r\n")
                .Append(argument).Append("\r\n");
        }

        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        return await Task.Run(Read);
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private RespReply Read()
    {
        var line = ReadLine();
        var payload = line[1..];
        switch (line[0])
        {
            case '+':
                return new RespReply(payload);
            case '-':
                return new RespReply(payload, IsError: true);
            case ':':
                return new RespReply(null, long.Parse(payload, CultureInfo.InvariantCulture));
            case '$':
                var length = int.Parse(payload, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return new RespReply(null);
                }

                var bytes = new byte[length + 2];
                _reader.ReadExactly(bytes);
                return new RespReply(Encoding.UTF8.GetString(bytes, 0, length));
            case '*':
                var count = int.Parse(payload, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return new RespReply(null);
                }

                var items = new List<RespReply>(count);
                for (var i = 0; i < count; i++)
                {
                    items.Add(Read());
                }

                return new RespReply(null, Items: items);
            default:
                throw new InvalidDataException($"Unexpected RESP reply line '{line}'.");
        }
    }

    private string ReadLine()
    {
        var bytes = new List<byte>(64);
        while (true)
        {
            var next = _reader.ReadByte();
            if (next < 0)
            {
                throw new IOException("The node closed the connection.");
            }

            if (next == '\n' && bytes.Count > 0 && bytes[^1] == '\r')
            {
                bytes.RemoveAt(bytes.Count - 1);
                return Encoding.UTF8.GetString([.. bytes]);
            }

            bytes.Add((byte)next);
        }
    }
}

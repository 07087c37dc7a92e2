using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RedisAspire.Tests.Infrastructure;

/// <summary>
/// A TCP server on loopback that pretends to be a Redis node but misbehaves in one <see cref="FakeRedisBehavior"/>
/// way on every connection, so a test can prove a client neither hangs nor crashes on it. It counts the connections
/// it accepted and the bytes it received, so a test can also prove the client really talked to it.
/// </summary>
public sealed class FakeRedisServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly FakeRedisBehavior _behavior;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly List<TcpClient> _clients = [];
    private int _connections;
    private long _bytesReceived;

    private FakeRedisServer(FakeRedisBehavior behavior)
    {
        _behavior = behavior;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary><c>127.0.0.1:port</c> of the listener.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Bytes received from clients so far.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Starts a server on a free loopback port that misbehaves as <paramref name="behavior"/> says.</summary>
    public static FakeRedisServer Start(FakeRedisBehavior behavior) => new(behavior);

    public override string ToString() => $"fake {_behavior} server at {Endpoint}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        try
        {
            await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the loop with one of these.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            lock (_clients)
            {
                _clients.Add(client);
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var buffer = new byte[4096];

            // Wait for the first command, so the reply arrives where the client expects one.
            var read = await stream.ReadAsync(buffer, _stop.Token);
            Interlocked.Add(ref _bytesReceived, read);
            switch (_behavior)
            {
                case FakeRedisBehavior.Garbage:
                    await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), _stop.Token);
                    break;
                case FakeRedisBehavior.StopsMidReply:
                    await stream.WriteAsync("$100\r\nonly part of the promised hund"u8.ToArray(), _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                    client.Client.Shutdown(SocketShutdown.Both);
                    client.Dispose();
                    return;
                case FakeRedisBehavior.EnormousLength:
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("$9223372036854775807\r\n"), _stop.Token);
                    break;
                case FakeRedisBehavior.Silent:
                default:
                    break;
            }

            // Keep the connection open and swallow whatever else arrives, answering nothing more.
            while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                Interlocked.Add(ref _bytesReceived, read);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client gave up on us, which is what the test wants it to do.
        }
    }
}

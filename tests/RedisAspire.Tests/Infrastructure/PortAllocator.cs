using System.Net;
using System.Net.Sockets;

namespace RedisAspire.Tests.Infrastructure;

/// <summary>
/// Hands out client ports for Redis cluster nodes so test classes running in parallel never collide.
/// A node needs its client port <c>p</c> and its cluster bus port <c>p + 10000</c>; both are checked free
/// with a real bind on 127.0.0.1, and no port is handed out twice in one process.
/// </summary>
public static class PortAllocator
{
    /// <summary>Offset between a node's client port and its cluster bus port (Redis' default).</summary>
    public const int BusPortOffset = 10000;

    // Client ports 20000–22767 keep bus ports at 30000–32767, below Linux's ephemeral range (32768+),
    // so an outgoing connection never squats on a port a node is about to bind.
    private const int FirstClientPort = 20000;
    private const int LastClientPort = 22767;

    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Handed = [];

    // Start at a random point so two test processes running at once rarely probe the same ports.
    private static int _next = FirstClientPort + Random.Shared.Next(LastClientPort - FirstClientPort + 1);

    /// <summary>Returns <paramref name="count"/> client ports whose client and bus ports are both free.</summary>
    public static IReadOnlyList<int> Allocate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var ports = new List<int>(count);
        lock (Gate)
        {
            var rangeSize = LastClientPort - FirstClientPort + 1;
            for (var probed = 0; probed < rangeSize && ports.Count < count; probed++)
            {
                var port = _next;
                _next = port == LastClientPort ? FirstClientPort : port + 1;
                if (!Handed.Contains(port) && IsFree(port) && IsFree(port + BusPortOffset))
                {
                    Handed.Add(port);
                    ports.Add(port);
                }
            }
        }

        if (ports.Count < count)
        {
            throw new InvalidOperationException(
                $"Only {ports.Count} of {count} free port pairs (p, p+{BusPortOffset}) found in {FirstClientPort}-{LastClientPort}.");
        }

        return ports;
    }

    private static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace RedisAspire.Bench.Redis;

/// <summary>
/// Hands out free ports for the benchmark's nodes and services. A node needs client port <c>p</c> and bus port
/// <c>p + 10000</c>; client ports 13000–19999 keep both below Linux' ephemeral range (32768+) and away from the
/// ranges the test suite uses (20000–22767, 30000–32767), so a run next to the tests does not collide with them.
/// </summary>
public static class FreePorts
{
    public const int BusOffset = 10000;
    private const int First = 13000;
    private const int Last = 19999;
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Handed = [];
    private static int _next = First + Random.Shared.Next(Last - First + 1);

    /// <summary><paramref name="count"/> consecutive client ports whose client and bus ports are all free.</summary>
    public static int AllocateBlock(int count)
    {
        lock (Gate)
        {
            for (var probed = 0; probed < Last - First; probed++)
            {
                var start = _next;
                _next = start + count > Last ? First : start + count;
                if (start + count - 1 > Last)
                {
                    continue;
                }

                var ports = Enumerable.Range(start, count).ToList();
                if (ports.All(p => !Handed.Contains(p) && IsFree(p) && IsFree(p + BusOffset)))
                {
                    Handed.UnionWith(ports);
                    return start;
                }
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free port pairs (p, p+{BusOffset}) in {First}-{Last}.");
    }

    /// <summary>
    /// One free port in the benchmark's range for a service (an AppHost's dashboard, OTLP and resource-service
    /// endpoints, a proxied project): below the ephemeral range, so no outgoing connection takes it before the
    /// service binds it. It cannot be a node's bus port (those are 23000+).
    /// </summary>
    public static int AllocateService()
    {
        lock (Gate)
        {
            for (var probed = 0; probed <= Last - First; probed++)
            {
                var port = _next;
                _next = port + 1 > Last ? First : port + 1;
                if (!Handed.Contains(port) && IsFree(port))
                {
                    Handed.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free port in {First}-{Last}.");
    }

    /// <summary>A port the operating system reports free on 127.0.0.1 (for HTTP services).</summary>
    public static int AllocateHttp()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
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

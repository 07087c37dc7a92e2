using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Hosting.Lifecycle;

/// <summary>Checks, by binding them briefly, that every node's client and bus port is free before anything starts.</summary>
public static class PortAvailability
{
    /// <summary>Throws an <see cref="DistributedApplicationException"/> naming the first port (and node) that cannot be bound.</summary>
    public static void EnsureFree(IEnumerable<RedisNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        foreach (var node in nodes)
        {
            EnsureFree(node, node.Port, "client port");
            EnsureFree(node, node.BusPort, "cluster bus port");
        }
    }

    private static void EnsureFree(RedisNode node, int port, string role)
    {
        using var listener = new TcpListener(IPAddress.Parse(node.Host), port);
        try
        {
            listener.Start();
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new DistributedApplicationException(
                $"Port {port} ({role} of {node.Name}) on {node.Host} is already in use. Stop what listens there " +
                $"(see `ss -ltnp 'sport = :{port}'`; a redis-server left from an earlier run shows in `pgrep -a redis-server`) " +
                "or choose another Cluster:BasePort.", ex);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            throw new DistributedApplicationException(
                $"Cannot bind {node.Host}:{port} for {node.Name}: {node.Host} is not an address of this machine. Set Cluster:AnnounceIp to one of its addresses, e.g. 127.0.0.1.", ex);
        }
        catch (SocketException ex)
        {
            throw new DistributedApplicationException(
                $"Cannot bind {node.Host}:{port} ({role} of {node.Name}): {ex.SocketErrorCode} ({ex.Message}). Choose another Cluster:BasePort or Cluster:AnnounceIp.", ex);
        }
    }
}

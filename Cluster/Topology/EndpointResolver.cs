using System.Net;
using System.Net.Sockets;

namespace RedisAspire.Cluster.Topology;

/// <summary>
/// Resolves a configured host name to the IP address Redis works with: CLUSTER MEET takes an IP
/// address, and CLUSTER NODES lists nodes by IP.
/// </summary>
public static class EndpointResolver
{
    public static async Task<NodeEndpoint> ResolveAsync(NodeEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(endpoint.Host, out var literal))
        {
            return endpoint with { Host = literal.ToString() };
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            throw new ClusterException($"Host name '{endpoint.Host}' of {endpoint} cannot be resolved: {exception.Message}", exception);
        }

        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new ClusterException($"Host name '{endpoint.Host}' of {endpoint} resolves to no address.");
        return endpoint with { Host = chosen.ToString() };
    }
}

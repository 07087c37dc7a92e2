using System.Globalization;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Cluster.NodesConf;

/// <summary>A node's cluster address: client endpoint and bus port, as in <c>ip:port@cport</c>.</summary>
public readonly record struct ClusterAddress(NodeEndpoint Endpoint, int BusPort)
{
    /// <summary>Parses <c>host:port[@busport]</c> or <c>[ipv6]:port[@busport]</c>; the bus port defaults to port + 10000.</summary>
    public static bool TryParse(string text, out ClusterAddress address, out string error)
    {
        address = default;
        var at = text.LastIndexOf('@');
        var endpointText = at < 0 ? text : text[..at];
        if (!NodeEndpoint.TryParse(endpointText, out var endpoint, out error))
        {
            return false;
        }

        var busPort = endpoint.Port + 10000;
        if (at >= 0 && (!int.TryParse(text[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out busPort) || busPort is < 1 or > 65535))
        {
            error = $"Address '{text}' has bus port '{text[(at + 1)..]}'; expected 1..65535.";
            return false;
        }

        if (busPort > 65535)
        {
            error = $"Address '{text}' needs an explicit bus port: port + 10000 is above 65535.";
            return false;
        }

        address = new ClusterAddress(endpoint, busPort);
        return true;
    }

    /// <summary>The form nodes.conf uses: IPv6 without brackets, <c>host:port@cport</c>.</summary>
    public string ToNodesConfField() =>
        $"{Endpoint.Host}:{Endpoint.Port.ToString(CultureInfo.InvariantCulture)}@{BusPort.ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() => $"{Endpoint}@{BusPort.ToString(CultureInfo.InvariantCulture)}";
}

using System.Globalization;
using System.Net;

namespace RedisAspire.AppHost.Topology;

/// <summary>Computes the nodes of the cluster from validated options: names, ports and data folders.</summary>
public static class ClusterTopology
{
    /// <summary>Distance between a node's client port and its cluster bus port (Redis' default).</summary>
    public const int BusPortOffset = 10000;

    /// <summary>Prefix of node resource names: <c>redis-0</c>, <c>redis-1</c>, …</summary>
    public const string NodeNamePrefix = "redis-";

    /// <summary>Returns <see cref="RedisClusterOptions.NodeCount"/> nodes, node i on BasePort + i, in folder <c>&lt;stateDirectory&gt;/redis-i</c>.</summary>
    public static IReadOnlyList<RedisNode> Compute(RedisClusterOptions options, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        var host = IPAddress.Parse(options.AnnounceIp).ToString();
        var root = Path.GetFullPath(stateDirectory);
        var nodes = new List<RedisNode>(options.NodeCount);
        for (var i = 0; i < options.NodeCount; i++)
        {
            var name = NodeNamePrefix + i.ToString(CultureInfo.InvariantCulture);
            var port = options.BasePort + i;
            nodes.Add(new RedisNode(i, name, host, port, port + BusPortOffset, Path.Combine(root, name)));
        }

        return nodes;
    }
}

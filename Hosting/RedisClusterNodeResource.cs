using Aspire.Hosting.ApplicationModel;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Hosting;

/// <summary>
/// One node of a <see cref="RedisClusterResource"/>: a <c>redis-server</c> executable started with its own
/// <c>redis.conf</c> (mode 0600; passwords never on the command line), on fixed, proxyless client and bus ports so the
/// address it announces is the address clients and peers reach. Shown under its cluster on the dashboard (a parent
/// relationship, not <c>IResourceWithParent</c>: a child inherits its parent's health checks, and a node must be healthy
/// when it answers, long before the cluster it belongs to is Ready).
/// </summary>
public sealed class RedisClusterNodeResource : ExecutableResource, IRedisClusterNodeResource
{
    /// <summary>Name of the client endpoint.</summary>
    public const string ClientEndpointName = "tcp";

    /// <summary>Name of the cluster bus endpoint.</summary>
    public const string BusEndpointName = "bus";

    internal RedisClusterNodeResource(RedisNode node, string command, RedisClusterResource parent)
        : base(node.Name, command, node.Directory)
    {
        Node = node;
        Cluster = parent;
        ClientEndpoint = new EndpointReference(this, ClientEndpointName);
        BusEndpoint = new EndpointReference(this, BusEndpointName);
    }

    /// <summary>The cluster this node belongs to.</summary>
    public RedisClusterResource Cluster { get; }

    /// <summary>Index, announced address, ports and data folder.</summary>
    public RedisNode Node { get; }

    /// <summary>The client endpoint (<c>Cluster:AnnounceIp</c>:<c>BasePort + index</c>).</summary>
    public EndpointReference ClientEndpoint { get; }

    /// <summary>The cluster bus endpoint (client port + 10000).</summary>
    public EndpointReference BusEndpoint { get; }
}

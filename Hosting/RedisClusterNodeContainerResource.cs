using Aspire.Hosting.ApplicationModel;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Hosting;

/// <summary>
/// One node of a <see cref="RedisClusterResource"/> run as a container by Aspire's orchestrator (network mode
/// <c>announce</c>): its client and bus ports are published 1:1 on the announce address, its state folder (redis.conf
/// mode 0600, nodes.conf, AOF) is bind-mounted at the same path, and it announces the announce address and its ports
/// (<c>cluster-announce-ip/port/bus-port</c>), so MOVED redirections, the cluster bus and replication point where the
/// host's processes, the other nodes and clients in other network namespaces can connect.
/// </summary>
public sealed class RedisClusterNodeContainerResource : ContainerResource, IRedisClusterNodeResource
{
    internal RedisClusterNodeContainerResource(RedisNode node, RedisClusterResource parent)
        : base(node.Name)
    {
        Node = node;
        Cluster = parent;
        ClientEndpoint = new EndpointReference(this, RedisClusterNodeResource.ClientEndpointName);
        BusEndpoint = new EndpointReference(this, RedisClusterNodeResource.BusEndpointName);
    }

    /// <inheritdoc/>
    public RedisClusterResource Cluster { get; }

    /// <inheritdoc/>
    public RedisNode Node { get; }

    /// <inheritdoc/>
    public EndpointReference ClientEndpoint { get; }

    /// <inheritdoc/>
    public EndpointReference BusEndpoint { get; }
}

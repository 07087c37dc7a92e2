using Aspire.Hosting.ApplicationModel;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Hosting;

/// <summary>
/// One node of a <see cref="RedisClusterResource"/>, whatever runs it: a <c>redis-server</c> process
/// (<see cref="RedisClusterNodeResource"/>) or a container (<see cref="RedisClusterNodeContainerResource"/>). Either way
/// its client and bus ports are fixed and proxyless, so the address it announces is the address clients and peers reach.
/// </summary>
public interface IRedisClusterNodeResource : IResourceWithEndpoints, IResourceWithWaitSupport
{
    /// <summary>The cluster this node belongs to.</summary>
    RedisClusterResource Cluster { get; }

    /// <summary>Index, announced address, ports and data folder.</summary>
    RedisNode Node { get; }

    /// <summary>The client endpoint.</summary>
    EndpointReference ClientEndpoint { get; }

    /// <summary>The cluster bus endpoint (client port + 10000).</summary>
    EndpointReference BusEndpoint { get; }

    /// <summary>
    /// <c>host:port</c> clients and peers reach the node at, the address it announces: its client endpoint in run mode,
    /// the cluster's announce-address parameter and the published client port in a deployment. The connection string
    /// and the administrator's node list are both made of it.
    /// </summary>
    ReferenceExpression AnnouncedEndpoint => Cluster.AnnounceIpParameter is { } announceIp
        ? ReferenceExpression.Create($"{announceIp}:{ClientEndpoint.Property(EndpointProperty.Port)}")
        : ReferenceExpression.Create($"{ClientEndpoint.Property(EndpointProperty.Host)}:{ClientEndpoint.Property(EndpointProperty.Port)}");
}

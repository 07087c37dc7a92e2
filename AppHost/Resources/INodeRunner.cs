using RedisAspire.AppHost.Processes;
using RedisAspire.AppHost.Redis;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.Resources;

/// <summary>How the nodes run: redis-server processes, or containers. <see cref="RedisClusterRunner"/> drives either the same way.</summary>
internal interface INodeRunner
{
    /// <summary>For the "nodes starting" line: what runs the nodes.</summary>
    string Description { get; }

    /// <summary>One process per started node (redis-server, or the attached container CLI).</summary>
    IReadOnlyList<ChildProcess> Processes { get; }

    /// <summary>True when something was created that <see cref="StopAsync"/> must remove, even with no process running.</summary>
    bool NeedsStop { get; }

    /// <summary>Checks the machine and returns the nodes with the addresses they will announce; starts nothing.</summary>
    Task<IReadOnlyList<RedisNode>> PrepareAsync(AppHostContext context, ClusterCredentials credentials, CancellationToken cancellationToken);

    /// <summary>Creates what the nodes need before their configs are written (image, network); returns the final nodes.</summary>
    Task<IReadOnlyList<RedisNode>> ProvisionAsync(AppHostContext context, IReadOnlyList<RedisNode> nodes, CancellationToken cancellationToken);

    /// <summary>The node's redis.conf text.</summary>
    string RenderConfig(RedisNode node, AppHostContext context, ClusterCredentials credentials);

    /// <summary>Starts every node; returns once all were started (not yet answering).</summary>
    Task<IReadOnlyList<(RedisNode Node, ChildProcess Process)>> StartAsync(
        AppHostContext context, IReadOnlyList<RedisNode> nodes, ClusterCredentials credentials, CancellationToken cancellationToken);

    /// <summary>Stops every node (bounded by <paramref name="timeout"/> each) and removes whatever was created; idempotent.</summary>
    Task StopAsync(TimeSpan timeout);
}

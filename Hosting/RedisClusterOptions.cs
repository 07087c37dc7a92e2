namespace RedisAspire.Hosting;

/// <summary>
/// The shape and settings of a Redis Cluster added with
/// <see cref="RedisClusterBuilderExtensions.AddRedisCluster(Aspire.Hosting.IDistributedApplicationBuilder, string, Action{RedisClusterOptions}?)"/>.
/// The AppHost binds them from the <c>Cluster</c> section (<c>Cluster:Masters</c>, <c>Cluster:BasePort</c>, …) and the
/// <c>AppHost</c> section (<c>AppHost:StateDirectory</c>, <c>AppHost:Runtime</c>, <c>AppHost:RedisServerPath</c>).
/// </summary>
public sealed class RedisClusterOptions
{
    /// <summary>Number of masters; at least 3, so a majority survives the loss of one and can elect a replacement.</summary>
    public int Masters { get; set; } = 3;

    /// <summary>Replicas of each master; the cluster has <see cref="Masters"/> × (1 + this) nodes.</summary>
    public int ReplicasPerMaster { get; set; } = 1;

    /// <summary>Client port of node 0; node i listens on <c>BasePort + i</c>, its cluster bus on that port + 10000.</summary>
    public int BasePort { get; set; } = 7000;

    /// <summary>
    /// The address every node announces: clients, the cluster bus and replication all use it. Process nodes also bind it.
    /// Container nodes publish their ports on it; left at a loopback address, container nodes announce the host's
    /// address chosen at start instead (a container's loopback is its own).
    /// </summary>
    public string AnnounceIp { get; set; } = "127.0.0.1";

    /// <summary>Redis' <c>cluster-node-timeout</c>: how long a node may be unreachable before its replica takes over.</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// ACL users on every node: <c>admin</c> (cluster administration), <c>replication</c> (replicas) and the
    /// application's user. Off: one password for everything (<c>requirepass</c>/<c>masterauth</c>).
    /// </summary>
    public bool Acl { get; set; } = true;

    /// <summary>TLS on every link with a development CA generated into the state folder; the plain port is closed.</summary>
    public bool Tls { get; set; }

    /// <summary>
    /// Folder of the nodes' state: per node <c>redis.conf</c> (0600), <c>nodes.conf</c> and AOF, plus the generated
    /// passwords (<c>password-&lt;user&gt;</c>, 0600). Relative paths are resolved against the AppHost's directory.
    /// One AppHost at a time holds it (<c>.lock</c>).
    /// </summary>
    public string StateDirectory { get; set; } = ".state";

    /// <summary>How the nodes run; see <see cref="RedisNodeRuntime"/>.</summary>
    public RedisNodeRuntime Runtime { get; set; } = RedisNodeRuntime.Auto;

    /// <summary>
    /// Container runtime of container nodes, <c>docker</c> or <c>podman</c>; Aspire's orchestrator is told to use the same
    /// one. Required when the nodes run as containers (the AppHost detects it, see README).
    /// </summary>
    public string ContainerRuntime { get; set; } = "";

    /// <summary>Why <see cref="ContainerRuntime"/> was chosen, for the start's log line (e.g. "`podman info` answered").</summary>
    public string ContainerRuntimeReason { get; set; } = "";

    /// <summary>Image of container nodes, with a pinned tag (never <c>latest</c>); it must run <c>redis-server</c> from PATH.</summary>
    public string ContainerImage { get; set; } = "localhost/redisaspire/redis:7.0.15";

    /// <summary>Network mode of container nodes; see <see cref="RedisContainerNetworkMode"/>.</summary>
    public RedisContainerNetworkMode ContainerNetwork { get; set; } = RedisContainerNetworkMode.Announce;

    /// <summary>
    /// Makes sure <see cref="ContainerImage"/> is on this machine before the first container node starts (the AppHost
    /// builds it from this machine's <c>redis-server</c> when it is missing), logging to the logger it is given; null: the
    /// orchestrator pulls it when missing.
    /// </summary>
    public Func<Microsoft.Extensions.Logging.ILogger, CancellationToken, Task>? EnsureContainerImage { get; set; }

    /// <summary>Full path or file name of <c>redis-server</c>; empty: looked up on PATH.</summary>
    public string RedisServerPath { get; set; } = "";

    /// <summary>
    /// When a master's process exits (it crashed, was killed, or was stopped from the dashboard), promote its most
    /// up-to-date connected replica at once with <c>CLUSTER FAILOVER FORCE</c> instead of waiting for
    /// <see cref="NodeTimeout"/> and Redis' election. Only exits count: a node that is slow, paused or cut off is left to
    /// Redis' own failure detection.
    /// </summary>
    public bool SupervisedFailover { get; set; } = true;

    /// <summary>How often the cluster's readiness is checked while it is Ready (it is checked every second while it is not).</summary>
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Connect and per-command timeout of the AppHost's own connections to the nodes (health checks, commands).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The node image published deployments run (<c>redis-server</c> and <c>/bin/sh</c> on the path); run mode starts
    /// <see cref="RedisServerPath"/> as a process instead.
    /// </summary>
    public string Image { get; set; } = RedisClusterImageTags.Reference;

    /// <summary><see cref="Masters"/> × (1 + <see cref="ReplicasPerMaster"/>).</summary>
    public int NodeCount => Masters * (1 + ReplicasPerMaster);
}

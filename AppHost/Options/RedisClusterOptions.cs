namespace RedisAspire.AppHost.Options;

/// <summary>The cluster AppHost runs; bound from the <c>Cluster</c> section.</summary>
public sealed class RedisClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>Number of masters; at least 3 (a majority must survive a failover).</summary>
    public int Masters { get; set; } = 3;

    public int ReplicasPerMaster { get; set; } = 1;

    /// <summary>Client port of <c>redis-0</c>; node i listens on BasePort + i, its bus on that port + 10000.</summary>
    public int BasePort { get; set; } = 7000;

    /// <summary>The address every node binds and announces (clients, the bus and replication use it).</summary>
    public string AnnounceIp { get; set; } = "127.0.0.1";

    /// <summary>Redis <c>cluster-node-timeout</c>: how long a node may be unreachable before it is suspected to fail.</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Password of the <c>default</c> user: the application's (clients send <c>AUTH &lt;password&gt;</c>); with
    /// <see cref="Acl"/> off, the only password. Empty means generate one once and keep it in the state directory.
    /// </summary>
    public string Password { get; set; } = "";

    /// <summary>
    /// ACL users: <c>admin</c> for ClusterInit, <c>replication</c> for replicas, and <c>default</c> restricted to
    /// data commands for applications. Off: one password for clients, administration and replication.
    /// </summary>
    public bool Acl { get; set; } = true;

    /// <summary>
    /// TLS on every link (clients, cluster bus, replication) with a development CA and node certificates generated into
    /// the state folder; the plain port is closed.
    /// </summary>
    public bool Tls { get; set; }

    /// <summary>Masters × (1 + ReplicasPerMaster).</summary>
    public int NodeCount => Masters * (1 + ReplicasPerMaster);
}

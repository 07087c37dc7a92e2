namespace RedisAspire.ClusterInit.Options;

/// <summary>The cluster ClusterInit forms or verifies; bound from the <c>Cluster</c> section.</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    public List<NodeOptions> Nodes { get; set; } = [];

    public int Masters { get; set; } = 3;

    public int ReplicasPerMaster { get; set; } = 1;

    /// <summary>ACL user to authenticate as (<c>AUTH user password</c>); empty means the <c>default</c> user (<c>AUTH password</c>).</summary>
    public string? User { get; set; }

    /// <summary>Password of <see cref="User"/> (or of the <c>default</c> user); empty means no AUTH.</summary>
    public string? Password { get; set; }

    /// <summary>Connect to the nodes over TLS (their <c>tls-port</c>), validating each node's certificate and address.</summary>
    public bool Tls { get; set; }

    /// <summary>
    /// PEM file of the CA the nodes' certificates must chain to (AppHost's development CA); the machine's trust store is
    /// then not used. Empty: validate against the machine's trust store.
    /// </summary>
    public string? TlsCaFile { get; set; }

    /// <summary>How long to wait for every node to answer PING.</summary>
    public TimeSpan NodesTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for the cluster to become Ready after forming it.</summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Connect and per-command timeout of the admin connection.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Interval between two reconcile rounds in <c>--watch</c> mode.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>cluster-node-timeout</c> of every node from the end of the handshakes until the new cluster is Ready; each
    /// node's own value is set back afterwards (also when formation fails or is stopped). A master that forms a cluster
    /// keeps <c>cluster_state:fail</c> for this long after its slots are assigned (Redis never waits less than 500 ms),
    /// and nodes ping silent peers every half of it. Zero keeps the configured timeout.
    /// </summary>
    public TimeSpan FormationNodeTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Interval between two polls of a wait loop.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// A person's explicit request to recover lost shards: <c>all</c>, or slots and slot ranges naming the shards
    /// (<c>0-5460</c>, <c>0-5460,10923-16383</c>). For each named shard whose master is down and whose slots no node
    /// serves, ClusterInit promotes the most up-to-date surviving replica with <c>CLUSTER FAILOVER TAKEOVER</c>. Empty:
    /// never. Not allowed with <c>--watch</c>, so it can never happen on its own.
    /// </summary>
    public string? Takeover { get; set; }
}

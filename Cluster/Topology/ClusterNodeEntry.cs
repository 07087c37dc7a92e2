namespace RedisAspire.Cluster.Topology;

/// <summary>
/// One line of <c>CLUSTER NODES</c> (the nodes.conf format):
/// <c>id addr:port@cport[,hostname] flags master ping-sent pong-recv config-epoch link-state slot…</c>.
/// </summary>
public sealed record ClusterNodeEntry
{
    public required string Id { get; init; }

    /// <summary>The announced client endpoint; null when the node has no address yet (<c>:0</c> or an empty host).</summary>
    public NodeEndpoint? Endpoint { get; init; }

    /// <summary>The client port as written, even when the host is still unknown.</summary>
    public int Port { get; init; }

    public int BusPort { get; init; }

    /// <summary>Everything after the first comma of the address field (hostname and aux fields), kept verbatim.</summary>
    public string? AddressExtra { get; init; }

    public required IReadOnlySet<string> Flags { get; init; }

    /// <summary>The master's node ID for a replica; null for a master (<c>-</c>).</summary>
    public string? MasterId { get; init; }

    public long PingSent { get; init; }

    public long PongReceived { get; init; }

    public long ConfigEpoch { get; init; }

    public bool LinkConnected { get; init; }

    public IReadOnlyList<SlotRange> Slots { get; init; } = [];

    /// <summary>Slots this node is migrating, with the target node ID.</summary>
    public IReadOnlyDictionary<int, string> Migrating { get; init; } = new Dictionary<int, string>();

    /// <summary>Slots this node is importing, with the source node ID.</summary>
    public IReadOnlyDictionary<int, string> Importing { get; init; } = new Dictionary<int, string>();

    public bool IsMyself => Flags.Contains("myself");

    public bool IsMaster => Flags.Contains("master");

    public bool IsReplica => Flags.Contains("slave");

    public bool IsFailed => Flags.Contains("fail");

    public bool IsSuspected => Flags.Contains("fail?");

    public bool IsHandshake => Flags.Contains("handshake");

    public bool IsNoAddress => Flags.Contains("noaddr") || Endpoint is null;

    public int SlotCount => Slots.Sum(r => r.Count);
}

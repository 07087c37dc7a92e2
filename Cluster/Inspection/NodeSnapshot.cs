using RedisAspire.Cluster.Topology;

namespace RedisAspire.Cluster.Inspection;

/// <summary>What one node reported about itself and the cluster at one moment (read-only commands only).</summary>
public sealed record NodeSnapshot
{
    public required ManagedNode Node { get; init; }

    public required bool ClusterEnabled { get; init; }

    public required long KeyCount { get; init; }

    /// <summary>The node's CLUSTER NODES view; empty when cluster mode is off.</summary>
    public IReadOnlyList<ClusterNodeEntry> View { get; init; } = [];

    public IReadOnlyDictionary<string, string> ClusterInfo { get; init; } = new Dictionary<string, string>();

    /// <summary>INFO replication: role, master_host, master_port, master_link_status, connected_slaves, slaveN, offsets.</summary>
    public IReadOnlyDictionary<string, string> Replication { get; init; } = new Dictionary<string, string>();

    /// <summary>INFO stats, e.g. <c>sync_full</c>: full resynchronisations this node has served since it started.</summary>
    public IReadOnlyDictionary<string, string> Stats { get; init; } = new Dictionary<string, string>();

    /// <summary>Key count of each slot this node has migrating or importing (CLUSTER COUNTKEYSINSLOT).</summary>
    public IReadOnlyDictionary<int, long> OpenSlotKeys { get; init; } = new Dictionary<int, long>();

    public ClusterNodeEntry? Myself => View.FirstOrDefault(e => e.IsMyself);

    public string? Id => Myself?.Id;

    /// <summary>Cluster mode on, knows no other node, owns no slot, no slot in transit, holds no key.</summary>
    public bool IsEmptyAndAlone =>
        ClusterEnabled && KeyCount == 0 && View.Count == 1 && Myself is { SlotCount: 0, Migrating.Count: 0, Importing.Count: 0 };

    public string ClusterState => ClusterInfo.GetValueOrDefault("cluster_state", "unknown");

    /// <summary>A one-line description for diagnostics.</summary>
    public string Describe()
    {
        if (!ClusterEnabled)
        {
            return $"{Node.Display}: cluster mode is disabled (set 'cluster-enabled yes' in its redis.conf), holds {KeyCount} key(s)";
        }

        var myself = Myself;
        var role = myself is null ? "unknown role" : myself.IsReplica ? "replica" : "master";
        return $"{Node.Display}: {role}, knows {View.Count - 1} other node(s), owns {myself?.SlotCount ?? 0} slot(s), "
            + $"holds {KeyCount} key(s), cluster_state:{ClusterState}";
    }
}

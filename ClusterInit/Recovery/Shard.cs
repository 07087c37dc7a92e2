using RedisAspire.Cluster.Topology;

namespace RedisAspire.ClusterInit.Recovery;

/// <summary>A master that owns slots, and the replicas that follow it.</summary>
public sealed record Shard(ShardNode Master, IReadOnlyList<SlotRange> Slots, IReadOnlyList<ShardNode> Replicas)
{
    /// <summary>Its master answers and owns the slots by its own account.</summary>
    public bool Served => Master.Snapshot?.Myself is { IsMaster: true, SlotCount: > 0 };

    /// <summary>Replicas that answer: the copies of the shard's data ClusterInit can reach.</summary>
    public IReadOnlyList<ShardNode> SurvivingReplicas => [.. Replicas.Where(r => r.IsReachable)];

    public string SlotText => SlotRange.Format(Slots);
}

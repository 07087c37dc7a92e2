namespace RedisAspire.ClusterInit.Planning;

/// <summary>One node's role in a plan: a master with its slots, or a replica of a master.</summary>
public sealed record PlannedNode(int Index, bool IsMaster, int? MasterIndex, IReadOnlyList<RedisAspire.Cluster.Topology.SlotRange> Slots);

using RedisAspire.Cluster.Inspection;

namespace RedisAspire.ClusterInit.Repair;

/// <summary>One command ClusterInit will send to one node, and why.</summary>
public sealed record RepairAction(ManagedNode Node, IReadOnlyList<string> Command, string Reason)
{
    /// <summary><c>redis-1 (127.0.0.1:7001): CLUSTER MEET 127.0.0.1 7004 — because …</c></summary>
    public override string ToString() => $"{Node.Display}: {string.Join(' ', Command)} — {Reason}";
}

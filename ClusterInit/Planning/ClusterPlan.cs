namespace RedisAspire.ClusterInit.Planning;

/// <summary>A complete role plan: one entry per configured node, in configuration order.</summary>
public sealed record ClusterPlan(IReadOnlyList<PlannedNode> Nodes, IReadOnlyList<string> Warnings)
{
    public IEnumerable<PlannedNode> Masters => Nodes.Where(n => n.IsMaster);

    public IEnumerable<PlannedNode> Replicas => Nodes.Where(n => !n.IsMaster);
}

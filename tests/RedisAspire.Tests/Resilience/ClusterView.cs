using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Resilience;

/// <summary>Reads what the nodes of a <see cref="RedisTestCluster"/> say about the cluster, with real commands.</summary>
internal static class ClusterView
{
    /// <summary>Node <paramref name="index"/>'s CLUSTER NODES, parsed.</summary>
    public static async Task<IReadOnlyList<ClusterNodesLine>> OfAsync(RedisTestCluster cluster, int index) =>
        ClusterNodesLine.ParseAll(await cluster.ExecTextAsync(index, "CLUSTER", "NODES"));

    /// <summary>Every node's CLUSTER MYID, in node order.</summary>
    public static async Task<string[]> MyIdsAsync(RedisTestCluster cluster) =>
        await Task.WhenAll(cluster.Nodes.Select((_, i) => cluster.ExecTextAsync(i, "CLUSTER", "MYID")));

    /// <summary>The index of the node <paramref name="line"/> describes, found by its endpoint.</summary>
    public static int IndexOf(RedisTestCluster cluster, ClusterNodesLine line)
    {
        var index = cluster.Endpoints.ToList().IndexOf(line.Endpoint);
        return index >= 0 ? index : throw new InvalidOperationException($"No node of the test cluster is at {line.Endpoint}.");
    }

    /// <summary>The master that owns <paramref name="slot"/> and its replica, as node <paramref name="viewer"/> sees them.</summary>
    public static async Task<(int Master, int Replica)> ShardOfSlotAsync(RedisTestCluster cluster, int slot, int viewer = 0)
    {
        var view = await OfAsync(cluster, viewer);
        var master = view.Single(e => e.IsMaster && e.Slots.Any(r => r.Start <= slot && slot <= r.End));
        var replica = view.Single(e => e.IsReplica && e.MasterId == master.Id);
        return (IndexOf(cluster, master), IndexOf(cluster, replica));
    }
}

using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Api;

/// <summary>Where the cluster itself says a key lives: <c>CLUSTER KEYSLOT</c> and the master whose slots hold it.</summary>
public sealed record KeyLocation(string Key, int Slot, ClusterNodesLine Master)
{
    /// <summary>Asks node 0 for the key's slot and the master that owns it (from its <c>CLUSTER NODES</c>).</summary>
    public static async Task<KeyLocation> FindAsync(RedisTestCluster cluster, string key)
    {
        var slot = (int)(await cluster.ExecAsync(0, "CLUSTER", "KEYSLOT", key)).AsInteger();
        var clusterNodes = await cluster.ExecTextAsync(0, "CLUSTER", "NODES");
        var owners = ClusterNodesLine.ParseAll(clusterNodes)
            .Where(node => node.IsMaster && node.Slots.Any(range => range.Start <= slot && slot <= range.End))
            .ToList();
        return owners.Count == 1
            ? new KeyLocation(key, slot, owners[0])
            : throw new InvalidOperationException($"Slot {slot} of '{key}' has {owners.Count} owners in CLUSTER NODES:\n{clusterNodes}");
    }

    /// <summary>The test node that is this key's master.</summary>
    public RedisNode MasterNode(RedisTestCluster cluster) => cluster.Nodes.Single(node => node.Port == Master.Port);
}

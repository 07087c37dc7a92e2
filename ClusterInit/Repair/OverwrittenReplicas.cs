using System.Globalization;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.ClusterInit.Repair;

/// <summary>
/// Replicas of a lost master whose copy of its slots may have been replaced. A replica keeps retrying its master's
/// <c>host:port</c> even after the cluster dropped that master's address; when another node (for example the master
/// restarted on an empty volume, with a new node ID) answers there, the replica syncs from it in full and discards
/// its own keys. Promoting that replica would report the shard healthy while its keys are gone.
/// </summary>
public static class OverwrittenReplicas
{
    /// <summary>
    /// One blocker per replica of a lost master (an ID no configured node has, to which some view assigns slots) whose
    /// INFO replication names as master an address where a configured node with another ID now answers, and that
    /// shows it synced (or is syncing) from that node: its link is up or a sync is in progress, or that node has
    /// served a full sync (<c>sync_full</c> above 0) or has a replica connected (<c>connected_slaves</c> above 0).
    /// Only a lost master's replicas point at that address, so a sync served there went to one of them. A replica
    /// whose link is down while the node there has served no sync never received its data and is promoted as usual.
    /// </summary>
    public static List<string> Blockers(ClusterModel model)
    {
        var blockers = new List<string>();
        foreach (var lostId in model.UnknownIds())
        {
            var slots = model.SlotsClaimedFor(lostId);
            if (slots.Count == 0)
            {
                continue;
            }

            foreach (var replica in model.ReplicasOf(lostId))
            {
                if (SourceOf(model, replica, lostId) is not { } source || Evidence(replica, source) is not { } evidence)
                {
                    continue;
                }

                blockers.Add($"{replica.Node.Display}, replica of lost master {lostId} (slots {SlotRange.Format(slots)}), replicates from "
                    + $"{source.Node.Display}, which is now a different node ({source.Id ?? "cluster mode off"}, {source.KeyCount} key(s)): {evidence}. "
                    + "Its copy of those slots may have been overwritten, so ClusterInit changes nothing and does not promote it. "
                    + $"Check its keys with 'redis-cli -h {replica.Node.Endpoint.Host} -p {replica.Node.Endpoint.Port} dbsize'; restore the shard's data "
                    + "(from a backup or the old master's append-only file), or, only if those keys may be lost, a person promotes it with "
                    + $"'CLUSTER FAILOVER FORCE' on {replica.Node.Name}.");
            }
        }

        return blockers;
    }

    /// <summary>The configured node (other than <paramref name="lostId"/>) at the address the replica's INFO replication names as its master.</summary>
    private static NodeSnapshot? SourceOf(ClusterModel model, NodeSnapshot replica, string lostId)
    {
        if (!replica.Replication.TryGetValue("master_host", out var host)
            || !int.TryParse(replica.Replication.GetValueOrDefault("master_port"), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }

        var address = new NodeEndpoint(host, port);
        return model.Snapshots.FirstOrDefault(s => s != replica && s.Id != lostId && (s.Node.Endpoint == address || s.Node.ResolvedEndpoint == address));
    }

    private static string? Evidence(NodeSnapshot replica, NodeSnapshot source)
    {
        var signs = new List<string>();
        if (replica.Replication.GetValueOrDefault("master_link_status") == "up")
        {
            signs.Add("its replication link to it is up");
        }

        if (replica.Replication.GetValueOrDefault("master_sync_in_progress") == "1")
        {
            signs.Add("it is syncing from it");
        }

        if (Count(source.Stats, "sync_full") is > 0 and var full)
        {
            signs.Add($"that node has served {full} full sync(s)");
        }

        if (Count(source.Replication, "connected_slaves") is > 0 and var connected)
        {
            signs.Add($"that node has {connected} replica(s) connected");
        }

        return signs.Count == 0 ? null : string.Join(", ", signs);
    }

    private static long Count(IReadOnlyDictionary<string, string> fields, string name) =>
        long.TryParse(fields.GetValueOrDefault(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}

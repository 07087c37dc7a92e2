using System.Globalization;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Cluster.Inspection;

/// <summary>Takes snapshots of nodes with read-only commands (INFO, CLUSTER INFO, CLUSTER NODES, DBSIZE).</summary>
public static class NodeInspector
{
    public static async Task<NodeSnapshot> InspectAsync(ManagedNode node, CancellationToken cancellationToken)
    {
        var connection = node.Connection;
        var info = InfoParser.Parse(await connection.ExecuteTextAsync(cancellationToken, "INFO", "cluster").ConfigureAwait(false));
        var keys = long.Parse(await connection.ExecuteTextAsync(cancellationToken, "DBSIZE").ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (info.GetValueOrDefault("cluster_enabled") != "1")
        {
            return new NodeSnapshot { Node = node, ClusterEnabled = false, KeyCount = keys };
        }

        var nodesText = await connection.ExecuteTextAsync(cancellationToken, "CLUSTER", "NODES").ConfigureAwait(false);
        IReadOnlyList<ClusterNodeEntry> view;
        try
        {
            view = ClusterNodesParser.Parse(nodesText);
        }
        catch (ClusterNodesFormatException exception)
        {
            throw new ClusterException($"{node.Display} returned a CLUSTER NODES reply that cannot be parsed: {exception.Message}");
        }

        var clusterInfo = InfoParser.Parse(await connection.ExecuteTextAsync(cancellationToken, "CLUSTER", "INFO").ConfigureAwait(false));
        var replication = InfoParser.Parse(await connection.ExecuteTextAsync(cancellationToken, "INFO", "replication").ConfigureAwait(false));
        var stats = InfoParser.Parse(await connection.ExecuteTextAsync(cancellationToken, "INFO", "stats").ConfigureAwait(false));
        var openSlotKeys = new Dictionary<int, long>();
        if (view.FirstOrDefault(e => e.IsMyself) is { } myself)
        {
            foreach (var slot in myself.Migrating.Keys.Concat(myself.Importing.Keys).Distinct())
            {
                var count = await connection.ExecuteTextAsync(cancellationToken, "CLUSTER", "COUNTKEYSINSLOT", slot.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                openSlotKeys[slot] = long.Parse(count, CultureInfo.InvariantCulture);
            }
        }

        return new NodeSnapshot
        {
            Node = node,
            ClusterEnabled = true,
            KeyCount = keys,
            View = view,
            ClusterInfo = clusterInfo,
            Replication = replication,
            Stats = stats,
            OpenSlotKeys = openSlotKeys,
        };
    }

    public static Task<NodeSnapshot[]> InspectAllAsync(IEnumerable<ManagedNode> nodes, CancellationToken cancellationToken) =>
        Task.WhenAll(nodes.Select(n => InspectAsync(n, cancellationToken)));
}

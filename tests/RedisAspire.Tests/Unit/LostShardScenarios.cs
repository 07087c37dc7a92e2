using RedisAspire.Cluster.Inspection;
using RedisAspire.ClusterInit.Recovery;

namespace RedisAspire.Tests.Unit;

/// <summary>
/// <see cref="ClusterScenario"/>s of a lost shard: redis-0 (master of 0-5460) does not answer and the others flag it,
/// redis-3 (its replica) was restarted on its data and its link has not been up since.
/// </summary>
internal static class LostShardScenarios
{
    public const string RestartedReplication =
        "# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:7000\r\nmaster_link_status:down\r\nmaster_link_down_since_seconds:-1\r\nslave_repl_offset:0\r\n";

    /// <summary>redis-0 flagged <paramref name="flags"/> by every other node except those in <paramref name="stillConnectedTo"/>.</summary>
    public static ClusterScenario MasterDown(string flags = "master,fail", params int[] stillConnectedTo)
    {
        var scenario = ClusterScenario.Ready();
        var line = ClusterScenario.Line(0, myself: false);
        for (var viewer = 1; viewer < ClusterScenario.NodeCount; viewer++)
        {
            if (!stillConnectedTo.Contains(viewer))
            {
                scenario.EditClusterNodes(viewer, line, line.Replace(" master ", $" {flags} ", StringComparison.Ordinal).Replace(" connected", " disconnected", StringComparison.Ordinal));
            }
        }

        scenario.Replication[3] = RestartedReplication;
        return scenario;
    }

    /// <summary>The answering nodes' snapshots (every node but <paramref name="down"/>), redis-3 holding <paramref name="replicaKeys"/> keys.</summary>
    public static IReadOnlyList<NodeSnapshot> Answering(ClusterScenario scenario, long replicaKeys = 339, params int[] down) =>
        [.. Enumerable.Range(0, ClusterScenario.NodeCount)
            .Where(i => i != 0 && !down.Contains(i))
            .Select(i => scenario.Snapshot(i) with { KeyCount = i == 3 ? replicaKeys : 330 })];

    /// <summary>Every configured node: the answering ones as in their snapshots, the others new.</summary>
    public static IReadOnlyList<ManagedNode> Configured(IReadOnlyList<NodeSnapshot> answering) =>
        [.. Enumerable.Range(0, ClusterScenario.NodeCount).Select(i => answering.FirstOrDefault(s => s.Node.Index == i)?.Node ?? ClusterScenario.Node(i))];

    public static ShardMap Map(IReadOnlyList<NodeSnapshot> answering) => ShardMap.Build(Configured(answering), answering);
}

using System.Globalization;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.ClusterFormation;

/// <summary>Checks a <see cref="RedisTestCluster"/> against "Ready" (docs/architecture.md), node by node, with real commands.</summary>
internal static class ClusterAssertions
{
    public const int SlotCount = 16384;

    /// <summary>Commands that change cluster state, data or configuration; a run over a healthy cluster sends none.</summary>
    public static readonly IReadOnlySet<string> MutatingCommands = new HashSet<string>(StringComparer.Ordinal)
    {
        "cluster|meet", "cluster|addslots", "cluster|addslotsrange", "cluster|delslots", "cluster|delslotsrange",
        "cluster|setslot", "cluster|replicate", "cluster|set-config-epoch", "cluster|bumpepoch", "cluster|forget",
        "cluster|reset", "cluster|failover", "cluster|flushslots", "set", "del", "unlink", "flushall", "flushdb",
        "config|set", "config|rewrite", "replicaof", "slaveof",
    };

    /// <summary>
    /// Asserts 6 nodes, 3 masters with 1 replica each, all 16384 slots covered, the same slot map and node set on every
    /// node, <c>cluster_state:ok</c> everywhere and every replica's link up. Returns node 0's view of the cluster.
    /// </summary>
    public static async Task<IReadOnlyList<ClusterNodesLine>> AssertReadyAsync(RedisTestCluster cluster)
    {
        var expectedPorts = cluster.Nodes.Select(node => node.Port).Order().ToArray();
        IReadOnlyList<ClusterNodesLine>? firstView = null;
        string? firstSlotMap = null;
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            var node = cluster.Nodes[i];
            var clusterNodes = await cluster.ExecTextAsync(i, "CLUSTER", "NODES");
            var view = ClusterNodesLine.ParseAll(clusterNodes);
            var because = $"CLUSTER NODES on {node}:\n{clusterNodes}";

            Assert.True(view.Count == 6, $"expected 6 nodes; {because}");
            Assert.True(view.Count(entry => entry.IsMaster) == 3, $"expected 3 masters; {because}");
            Assert.True(view.Count(entry => entry.IsReplica) == 3, $"expected 3 replicas; {because}");
            Assert.Equal(expectedPorts, view.Select(entry => entry.Port).Order().ToArray());
            Assert.All(view, entry => Assert.Equal(node.Host, entry.Host));
            Assert.All(view, entry => Assert.Equal(entry.Port + PortAllocator.BusPortOffset, entry.BusPort));
            Assert.All(view, entry => Assert.Equal("connected", entry.LinkState));
            Assert.All(view, entry => Assert.DoesNotContain(
                entry.Flags, flag => flag is "fail" or "fail?" or "handshake" or "noaddr"));
            Assert.All(view, entry => Assert.Empty(entry.OpenSlots));
            Assert.Equal(node.Port, Assert.Single(view, entry => entry.IsMyself).Port);

            var masters = view.Where(entry => entry.IsMaster).ToArray();
            Assert.All(masters, master => Assert.True(master.SlotCount > 0, $"{master.Endpoint} owns no slot; {because}"));
            var replicatedMasters = view.Where(entry => entry.IsReplica).Select(entry => entry.MasterId ?? "-").ToArray();
            Assert.Equal(masters.Select(master => master.Id).Order(), replicatedMasters.Order());

            var slotMap = SlotMap(view);
            firstView ??= view;
            firstSlotMap ??= slotMap;
            Assert.Equal(firstSlotMap, slotMap);
            Assert.Equal(firstView.Select(entry => entry.Id).Order(), view.Select(entry => entry.Id).Order());

            var info = RedisInfo.Parse(await cluster.ExecTextAsync(i, "CLUSTER", "INFO"));
            Assert.Equal("ok", info["cluster_state"]);
            Assert.Equal("16384", info["cluster_slots_assigned"]);
            Assert.Equal("16384", info["cluster_slots_ok"]);
            Assert.Equal("6", info["cluster_known_nodes"]);
            Assert.Equal("3", info["cluster_size"]);

            var myself = view.Single(entry => entry.IsMyself);
            if (myself.IsReplica)
            {
                var master = view.Single(entry => entry.Id == myself.MasterId);
                var replication = RedisInfo.Parse(await cluster.ExecTextAsync(i, "INFO", "replication"));
                Assert.Equal("slave", replication["role"]);
                Assert.Equal(master.Port.ToString(CultureInfo.InvariantCulture), replication["master_port"]);
                Assert.Equal("up", replication["master_link_status"]);
            }
        }

        return firstView!;
    }

    /// <summary>Asserts <c>redis-cli --cluster check</c> passes with exactly its three [OK] lines and no warning.</summary>
    public static async Task AssertRedisCliCheckPassesAsync(RedisTestCluster cluster)
    {
        var check = await cluster.RedisCliAsync("--cluster", "check", cluster.Endpoints[0]);

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal(
            ["[OK] 0 keys in 3 masters.", "[OK] All nodes agree about slots configuration.", "[OK] All 16384 slots covered."],
            check.Lines.Where(line => line.StartsWith("[OK]", StringComparison.Ordinal)));
        Assert.Contains(">>> Check for open slots...", check.Lines);
        Assert.DoesNotContain(check.Lines, line => line.StartsWith("[WARNING]", StringComparison.Ordinal)
            || line.StartsWith("[ERR]", StringComparison.Ordinal));
    }

    /// <summary>Asserts no node has executed any of <see cref="MutatingCommands"/> since its stats were last reset.</summary>
    public static async Task AssertNoMutatingCommandsAsync(RedisTestCluster cluster)
    {
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            var called = RedisInfo.CalledCommands(await cluster.ExecTextAsync(i, "INFO", "commandstats"));
            var mutating = called.Where(MutatingCommands.Contains).Order().ToArray();
            Assert.True(
                mutating.Length == 0,
                $"{cluster.Nodes[i]} executed {string.Join(", ", mutating)}; all commands: {string.Join(", ", called.Order())}");
        }
    }

    /// <summary>Resets <c>INFO commandstats</c> on every node; call it last so the test's own commands do not count.</summary>
    public static async Task ResetCommandStatsAsync(RedisTestCluster cluster)
    {
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            Assert.Equal("OK", await cluster.ExecTextAsync(i, "CONFIG", "RESETSTAT"));
        }
    }

    // "start-end:masterPort" per contiguous range, so two views compare as strings and a mismatch is readable.
    private static string SlotMap(IReadOnlyList<ClusterNodesLine> view)
    {
        var owners = new int[SlotCount];
        foreach (var master in view.Where(entry => entry.IsMaster))
        {
            foreach (var (start, end) in master.Slots)
            {
                for (var slot = start; slot <= end; slot++)
                {
                    Assert.True(owners[slot] == 0, $"slot {slot} is owned by both :{owners[slot]} and {master.Endpoint}");
                    owners[slot] = master.Port;
                }
            }
        }

        var uncovered = Array.IndexOf(owners, 0);
        Assert.True(uncovered < 0, $"slot {uncovered} has no master");
        var ranges = new List<string>();
        for (var start = 0; start < SlotCount;)
        {
            var end = start;
            while (end + 1 < SlotCount && owners[end + 1] == owners[start])
            {
                end++;
            }

            ranges.Add(string.Create(CultureInfo.InvariantCulture, $"{start}-{end}:{owners[start]}"));
            start = end + 1;
        }

        return string.Join(' ', ranges);
    }
}

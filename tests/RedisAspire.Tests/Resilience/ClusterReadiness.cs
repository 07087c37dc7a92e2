using System.Globalization;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Resilience;

/// <summary>
/// "Ready" (docs/architecture.md), checked on every node with real commands, for clusters whose nodes may each have their own
/// address: 6 nodes, 3 masters with 1 replica each, 16384 slots, one slot map and node set everywhere,
/// <c>cluster_state:ok</c> and every replica's link up.
/// </summary>
internal static class ClusterReadiness
{
    private static readonly string[] BadFlags = ["fail", "fail?", "handshake", "noaddr"];

    /// <summary>Returns <see langword="null"/> when the cluster is Ready, otherwise the first problem found, naming the node.</summary>
    public static async Task<string?> FindProblemAsync(RedisTestCluster cluster)
    {
        var endpoints = cluster.Endpoints.Order(StringComparer.Ordinal).ToArray();
        string? referenceMap = null;
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            var node = cluster.Nodes[i];
            var text = await cluster.ExecTextAsync(i, "CLUSTER", "NODES");
            var view = ClusterNodesLine.ParseAll(text);
            var problem = ViewProblem(node, view, endpoints);
            if (problem is not null)
            {
                return $"{node}: {problem}; its CLUSTER NODES:\n{text}";
            }

            var map = SlotMap(view);
            referenceMap ??= map;
            if (map != referenceMap)
            {
                return $"{node}'s slot map differs from {cluster.Nodes[0]}'s:\n  {map}\n  {referenceMap}";
            }

            var info = RedisInfo.Parse(await cluster.ExecTextAsync(i, "CLUSTER", "INFO"));
            foreach (var (field, expected) in new[]
            {
                ("cluster_state", "ok"), ("cluster_slots_assigned", "16384"), ("cluster_slots_ok", "16384"),
                ("cluster_known_nodes", "6"), ("cluster_size", "3"),
            })
            {
                if (info.GetValueOrDefault(field) != expected)
                {
                    return $"{node}: CLUSTER INFO has {field}:{info.GetValueOrDefault(field, "(missing)")}, expected {expected}";
                }
            }

            var myself = view.Single(e => e.IsMyself);
            if (myself.IsReplica)
            {
                var master = view.Single(e => e.Id == myself.MasterId);
                var replication = RedisInfo.Parse(await cluster.ExecTextAsync(i, "INFO", "replication"));
                var following = $"{replication.GetValueOrDefault("master_host")}:{replication.GetValueOrDefault("master_port")}";
                if (following != master.Endpoint || replication.GetValueOrDefault("master_link_status") != "up")
                {
                    return $"{node}: replicates {following} with master_link_status:{replication.GetValueOrDefault("master_link_status", "(missing)")}, "
                        + $"expected {master.Endpoint} and up";
                }
            }
        }

        return null;
    }

    private static string? ViewProblem(RedisNode node, IReadOnlyList<ClusterNodesLine> view, string[] endpoints)
    {
        var seen = view.Select(e => e.Endpoint).Order(StringComparer.Ordinal).ToArray();
        if (!seen.SequenceEqual(endpoints))
        {
            return $"knows {string.Join(", ", seen)}, expected exactly {string.Join(", ", endpoints)}";
        }

        if (view.Single(e => e.IsMyself).Endpoint != node.Endpoint)
        {
            return $"announces itself at {view.Single(e => e.IsMyself).Endpoint}";
        }

        if (view.FirstOrDefault(e => e.Flags.Overlaps(BadFlags) || e.OpenSlots.Count > 0 || e.BusPort != e.Port + PortAllocator.BusPortOffset) is { } bad)
        {
            return $"sees {bad.Endpoint} as {string.Join(',', bad.Flags)} with bus port {bad.BusPort} and open slots [{string.Join(' ', bad.OpenSlots)}]";
        }

        var masters = view.Where(e => e.IsMaster).ToList();
        var replicas = view.Where(e => e.IsReplica).ToList();
        if (masters.Count != 3 || replicas.Count != 3)
        {
            return $"sees {masters.Count} masters and {replicas.Count} replicas, expected 3 and 3";
        }

        if (masters.Sum(m => m.SlotCount) != KeySlot.Count || masters.Any(m => m.SlotCount == 0))
        {
            return $"sees the masters own {string.Join(", ", masters.Select(m => m.SlotCount))} slots, expected all {KeySlot.Count} and none empty";
        }

        if (masters.FirstOrDefault(m => replicas.Count(r => r.MasterId == m.Id) != 1) is { } unbalanced)
        {
            return $"sees master {unbalanced.Endpoint} with {replicas.Count(r => r.MasterId == unbalanced.Id)} replicas, expected 1";
        }

        return null;
    }

    // "masterId[ranges]<-replicaId" per master, ordered, so two views compare as strings and a mismatch is readable.
    private static string SlotMap(IReadOnlyList<ClusterNodesLine> view) =>
        string.Join(' ', view.Where(e => e.IsMaster).OrderBy(e => e.Id, StringComparer.Ordinal).Select(m =>
            string.Create(CultureInfo.InvariantCulture, $"{m.Id[..8]}[{string.Join(',', m.Slots.Order().Select(r => $"{r.Start}-{r.End}"))}]")
            + "<-" + string.Join(',', view.Where(r => r.MasterId == m.Id).Select(r => r.Id[..8]).Order(StringComparer.Ordinal))));
}

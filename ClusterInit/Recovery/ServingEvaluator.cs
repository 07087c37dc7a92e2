using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.ClusterInit.Recovery;

/// <summary>
/// Ready as far as the reachable nodes go, for a cluster that is missing nodes that are down: every slot is owned by a
/// master that answers, <c>cluster_state:ok</c> everywhere, the reachable nodes know each other and agree on the slot
/// map, no slot is migrating or importing, and every reachable replica's link to its master is up. The nodes that are
/// down are left out, so the missing replicas they leave are not counted.
/// </summary>
public static class ServingEvaluator
{
    private static readonly string[] BadFlags = ["fail", "fail?", "handshake", "noaddr"];

    public static IReadOnlyList<string> Evaluate(IReadOnlyList<NodeSnapshot> reachable)
    {
        var problems = new List<string>();
        var ids = reachable.Where(s => s.Id is not null).Select(s => s.Id!).ToHashSet(StringComparer.Ordinal);
        string? referenceMap = null;
        foreach (var snapshot in reachable)
        {
            var node = snapshot.Node.Display;
            if (!snapshot.ClusterEnabled || snapshot.Id is null)
            {
                problems.Add($"{node}: cluster mode is disabled");
                continue;
            }

            if (snapshot.ClusterState != "ok")
            {
                problems.Add($"{node}: cluster_state:{snapshot.ClusterState}");
            }

            foreach (var peer in reachable.Where(p => p.Id is not null && p.Id != snapshot.Id))
            {
                var entry = snapshot.View.FirstOrDefault(e => e.Id == peer.Id);
                if (entry is null)
                {
                    problems.Add($"{node}: does not know {peer.Node.Display}");
                }
                else if (entry.Flags.Overlaps(BadFlags))
                {
                    problems.Add($"{node}: sees {peer.Node.Display} as {string.Join(",", entry.Flags.Intersect(BadFlags))}");
                }
            }

            if (snapshot.View.Any(e => e.Migrating.Count > 0 || e.Importing.Count > 0))
            {
                problems.Add($"{node}: has slots migrating or importing");
            }

            if (snapshot.Myself is { IsReplica: true } && snapshot.Replication.GetValueOrDefault("master_link_status") != "up")
            {
                problems.Add($"{node}: replica link to its master is {snapshot.Replication.GetValueOrDefault("master_link_status", "unknown")}");
            }

            var owners = snapshot.View.Where(e => e.IsMaster && e.SlotCount > 0).ToList();
            foreach (var gone in owners.Where(o => !ids.Contains(o.Id)))
            {
                problems.Add($"{node}: assigns slots {SlotRange.Format(gone.Slots)} to node {gone.Id}, which does not answer");
            }

            var served = owners.Where(o => ids.Contains(o.Id)).Sum(o => o.SlotCount);
            if (served != SlotRange.SlotCount)
            {
                problems.Add($"{node}: {served} of {SlotRange.SlotCount} slots are served by masters that answer");
            }

            var map = string.Join(';', owners.OrderBy(o => o.Id, StringComparer.Ordinal).Select(o => $"{o.Id}:{SlotRange.Format(o.Slots)}"));
            referenceMap ??= map;
            if (map != referenceMap)
            {
                problems.Add($"{node}: its slot map differs from {reachable[0].Node.Display}'s");
            }
        }

        return problems;
    }
}

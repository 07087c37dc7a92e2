using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.ClusterInit.Repair;

/// <summary>
/// Conditions under which ClusterInit changes nothing: each would risk data or needs a person's
/// decision. Every message names the node, what is wrong and what a person would run.
/// </summary>
public static class Blockers
{
    public static List<string> Find(ClusterModel model)
    {
        var blockers = new List<string>();
        foreach (var s in model.Snapshots.Where(s => !s.ClusterEnabled))
        {
            blockers.Add($"{s.Node.Display} runs without cluster mode; add 'cluster-enabled yes' to its configuration and restart it.");
        }

        foreach (var s in model.Members.Where(s => s.Myself is { IsMaster: true, SlotCount: 0 } && s.KeyCount > 0))
        {
            var alone = s.View.Count == 1 ? "belongs to no cluster" : "is a master without slots";
            blockers.Add($"{s.Node.Display} holds {s.KeyCount} key(s) but {alone}; joining it would replace its data. "
                + $"Inspect them with 'redis-cli -h {s.Node.Endpoint.Host} -p {s.Node.Endpoint.Port} --scan'; move them into the cluster, "
                + "or, only if they are not needed, a person may empty that node (FLUSHALL, then CLUSTER RESET).");
        }

        foreach (var id in model.UnknownIds().Where(id => !model.IsDead(id)))
        {
            var entry = model.EntriesOf(id).First();
            if (!model.IsConfiguredAddress(entry.Endpoint))
            {
                var knowers = model.Members.Where(m => m.View.Any(e => e.Id == id)).Select(m => m.Node).ToList();
                var check = knowers.Count > 0 ? knowers[0].Endpoint : model.Members[0].Node.Endpoint;
                blockers.Add($"The cluster contains node {id} at {entry.Endpoint?.ToString() ?? "no address"}, which is none of the configured nodes "
                    + $"(known by {(knowers.Count > 0 ? string.Join(", ", knowers.Select(k => k.Display)) : "no configured node")}). "
                    + $"Check it with 'redis-cli --cluster check {check}'; remove it with 'CLUSTER FORGET {id}' on every node if it does not belong.");
            }
        }

        blockers.AddRange(OverlappingClusters(model));
        blockers.AddRange(UncoveredSlots(model));
        blockers.AddRange(OpenSlots.Blockers(model));
        blockers.AddRange(OverwrittenReplicas.Blockers(model));
        return blockers;
    }

    /// <summary>
    /// Slots no reachable master serves and no reachable replica can take over: never reassigned
    /// silently, because the master that holds them may come back.
    /// </summary>
    public static List<string> UncoveredSlots(ClusterModel model)
    {
        var served = model.Masters.SelectMany(m => m.Myself!.Slots).SelectMany(r => Enumerable.Range(r.Start, r.Count)).ToHashSet();
        var missing = Enumerable.Range(0, SlotRange.SlotCount).Where(s => !served.Contains(s)).ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        var claimedBy = new Dictionary<int, string>();
        foreach (var entry in model.Members.SelectMany(m => m.View).Where(e => e.IsMaster && !model.ById.ContainsKey(e.Id)))
        {
            foreach (var slot in entry.Slots.SelectMany(r => Enumerable.Range(r.Start, r.Count)))
            {
                claimedBy.TryAdd(slot, entry.Id);
            }
        }

        var blockers = new List<string>();
        foreach (var group in missing.GroupBy(s => claimedBy.GetValueOrDefault(s)))
        {
            var ranges = SlotRange.Format(SlotRange.FromSlots(group));
            if (group.Key is null && served.Count == 0 && claimedBy.Count == 0)
            {
                blockers.Add($"No node serves or claims any of the slots {ranges}: these nodes were never formed into a cluster. "
                    + "Resolve the problems above, so that every node is empty and alone, and run ClusterInit again to form it.");
            }
            else if (group.Key is null)
            {
                blockers.Add($"Slots {ranges} have no owner in any node's view. Assign them with 'redis-cli --cluster fix {model.Configured[0].Endpoint}' "
                    + "once you are sure no node holds their keys.");
            }
            else if (model.ReplicasOf(group.Key).Count == 0)
            {
                blockers.Add($"Slots {ranges} are uncovered: their master {model.NameOf(group.Key)} is failed or unreachable and no reachable replica can take over. "
                    + "ClusterInit does not reassign them, because that master may come back with their keys: restart it on its data folder "
                    + $"(nodes.conf and AOF) and run ClusterInit again. Only if its data is lost for good, 'redis-cli --cluster fix {model.Configured[0].Endpoint}' assigns them, empty.");
            }
        }

        return blockers;
    }

    /// <summary>Members that form separate groups claiming the same slots cannot be merged without losing one side's data.</summary>
    private static List<string> OverlappingClusters(ClusterModel model)
    {
        var groups = new List<List<NodeSnapshot>>();
        foreach (var member in model.Members)
        {
            var linked = groups.Where(g => g.Any(o => Knows(o, member) || Knows(member, o))).ToList();
            var merged = linked.SelectMany(g => g).Append(member).ToList();
            groups.RemoveAll(linked.Contains);
            groups.Add(merged);
        }

        if (groups.Count < 2)
        {
            return [];
        }

        // What a group claims includes what its views say about nodes that are not answering under that ID
        // (a master that lost nodes.conf comes back alone, claiming the slots of its keys).
        var slotsByGroup = groups
            .Select(g => g.SelectMany(m => m.View).Where(e => e.IsMaster).SelectMany(e => e.Slots).SelectMany(r => Enumerable.Range(r.Start, r.Count)).ToHashSet())
            .ToList();
        for (var i = 0; i < groups.Count; i++)
        {
            for (var j = i + 1; j < groups.Count; j++)
            {
                if (slotsByGroup[i].Overlaps(slotsByGroup[j]))
                {
                    return [$"The nodes form separate clusters that claim the same slots: "
                        + $"{string.Join(", ", groups[i].Select(m => m.Node.Name))} and {string.Join(", ", groups[j].Select(m => m.Node.Name))}. "
                        + "Merging them would lose one side's keys; decide which cluster to keep, check both with 'redis-cli --cluster check', "
                        + "and move the other side's keys before adding its nodes."];
                }
            }
        }

        return [];
    }

    private static bool Knows(NodeSnapshot a, NodeSnapshot b) => a.View.Any(e => e.Id == b.Id);
}

using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Cluster.Readiness;

/// <summary>
/// Decides whether a set of snapshots is Ready (docs/architecture.md): all 16384 slots covered, every node
/// reports the same node set and slot map, no slot migrating or importing, cluster_state:ok
/// everywhere, each master has its replicas and every replica's link to its master is up.
/// Returns every problem found, each naming the node, so a timeout can say what was last seen.
/// </summary>
public static class ReadinessEvaluator
{
    public static IReadOnlyList<string> Evaluate(IReadOnlyList<NodeSnapshot> snapshots, int masters, int replicasPerMaster)
    {
        if (snapshots.Count == 0)
        {
            return ["no node is configured"];
        }

        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var snapshot in snapshots)
        {
            if (!snapshot.ClusterEnabled || snapshot.Id is null)
            {
                problems.Add($"{snapshot.Node.Display}: cluster mode is disabled");
                continue;
            }

            if (!ids.Add(snapshot.Id))
            {
                problems.Add($"{snapshot.Node.Display}: node ID {snapshot.Id} is used by another configured node too");
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        string? referenceMap = null;
        foreach (var snapshot in snapshots)
        {
            CheckNode(snapshot, snapshots, ids, problems);
            var map = SlotMap(snapshot.View);
            referenceMap ??= map;
            if (map != referenceMap)
            {
                problems.Add($"{snapshot.Node.Display}: its slot map differs from {snapshots[0].Node.Display}'s");
            }
        }

        CheckShape(snapshots, masters, replicasPerMaster, problems);
        return problems;
    }

    private static void CheckNode(NodeSnapshot snapshot, IReadOnlyList<NodeSnapshot> all, HashSet<string> ids, List<string> problems)
    {
        var node = snapshot.Node.Display;
        if (snapshot.ClusterState != "ok")
        {
            problems.Add($"{node}: cluster_state:{snapshot.ClusterState}");
        }

        var known = snapshot.View.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in ids.Except(known))
        {
            problems.Add($"{node}: does not know {all.First(s => s.Id == missing).Node.Display} yet");
        }

        foreach (var entry in snapshot.View)
        {
            if (!ids.Contains(entry.Id))
            {
                problems.Add($"{node}: knows node {entry.Id} at {entry.Endpoint?.ToString() ?? "no address"}, which is not a configured node");
                continue;
            }

            var peer = all.First(s => s.Id == entry.Id).Node;
            var bad = entry.Flags.Where(f => f is "fail" or "fail?" or "handshake" or "noaddr").ToList();
            if (bad.Count > 0)
            {
                problems.Add($"{node}: sees {peer.Display} as {string.Join(",", bad)}");
            }

            if (!entry.IsMyself && entry.Endpoint != peer.Endpoint && entry.Endpoint != peer.ResolvedEndpoint)
            {
                problems.Add($"{node}: has {peer.Display} at {entry.Endpoint?.ToString() ?? "no address"}");
            }

            if (entry.Migrating.Count > 0 || entry.Importing.Count > 0)
            {
                var slots = SlotRange.Format(SlotRange.FromSlots(entry.Migrating.Keys.Concat(entry.Importing.Keys)));
                problems.Add($"{node}: slots {slots} are migrating or importing");
            }
        }

        if (snapshot.Myself is { IsReplica: true } && snapshot.Replication.GetValueOrDefault("master_link_status") != "up")
        {
            problems.Add($"{node}: replica link to its master is {snapshot.Replication.GetValueOrDefault("master_link_status", "unknown")}");
        }
    }

    private static void CheckShape(IReadOnlyList<NodeSnapshot> snapshots, int masters, int replicasPerMaster, List<string> problems)
    {
        var reference = snapshots[0];
        var view = reference.View;
        string Name(string? id) => snapshots.FirstOrDefault(s => s.Id == id)?.Node.Display ?? id ?? "no master";
        var owners = view.Where(e => e.IsMaster && e.SlotCount > 0).ToList();
        var covered = owners.Sum(e => e.SlotCount);
        if (covered != SlotRange.SlotCount)
        {
            problems.Add($"{reference.Node.Display}: {covered} of {SlotRange.SlotCount} slots are covered");
        }

        if (owners.Count != masters)
        {
            problems.Add($"{reference.Node.Display}: {owners.Count} masters own slots, expected {masters}");
        }

        foreach (var master in owners)
        {
            var replicas = view.Count(e => e.IsReplica && e.MasterId == master.Id);
            if (replicas < replicasPerMaster)
            {
                problems.Add($"master {Name(master.Id)} has {replicas} replica(s), expected {replicasPerMaster}");
            }
        }

        foreach (var orphan in view.Where(e => e.IsReplica && !owners.Any(o => o.Id == e.MasterId)))
        {
            problems.Add($"replica {Name(orphan.Id)} follows {Name(orphan.MasterId)}, which owns no slots");
        }
    }

    /// <summary>A canonical text of who owns which slots and who replicates whom, for comparing views.</summary>
    private static string SlotMap(IReadOnlyList<ClusterNodeEntry> view) =>
        string.Join(';', view
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => $"{e.Id}:{(e.IsMaster ? "m" : "r")}:{e.MasterId}:{SlotRange.Format(e.Slots)}"));
}

using RedisAspire.Cluster.Inspection;

namespace RedisAspire.ClusterInit.Repair;

/// <summary>
/// Gives every master its replicas: replicas whose master is gone, masters without slots
/// (new or spare nodes) and, when a master still lacks one, a surplus replica of another master
/// are attached with CLUSTER REPLICATE — to the master with the fewest replicas, keeping
/// failure domains apart when possible. A replica of a failed master that still owns slots is
/// left alone: Redis promotes it.
/// </summary>
public static class ReplicaPlacement
{
    private enum DonorKind
    {
        Orphan,
        Spare,
        Surplus,
    }

    /// <summary>Only replicas that follow a dead node or a node that is no slot-owning master.</summary>
    public static List<RepairAction> PlanForReplicasOfDeadNodes(ClusterModel model, int replicasPerMaster) =>
        Assign(model, replicasPerMaster, Orphans(model).ToList());

    public static List<RepairAction> Plan(ClusterModel model, int replicasPerMaster)
    {
        var donors = Orphans(model).Concat(Spares(model)).ToList();
        var counts = model.Masters.ToDictionary(m => m.Id!, m => model.ReplicasOf(m.Id!).Count, StringComparer.Ordinal);
        if (donors.Count < counts.Values.Sum(c => Math.Max(0, replicasPerMaster - c)))
        {
            donors.AddRange(Surplus(model, replicasPerMaster));
        }

        return Assign(model, replicasPerMaster, donors);
    }

    private static List<RepairAction> Assign(ClusterModel model, int replicasPerMaster, List<(NodeSnapshot Node, DonorKind Kind, string Why)> donors)
    {
        var actions = new List<RepairAction>();
        var counts = model.Masters.ToDictionary(m => m.Id!, m => model.ReplicasOf(m.Id!).Count, StringComparer.Ordinal);
        var domains = model.Masters.ToDictionary(m => m.Id!, m => model.ReplicasOf(m.Id!).Select(r => r.Node.FailureDomain).ToList(), StringComparer.Ordinal);
        while (donors.Count > 0 && model.Masters.Count > 0)
        {
            var master = model.Masters.OrderBy(m => counts[m.Id!]).ThenBy(m => m.Node.Index).First();
            var isOrphanOnly = counts[master.Id!] >= replicasPerMaster;
            var candidates = donors
                .Where(d => d.Node.View.Any(e => e.Id == master.Id && !e.IsHandshake))
                .Where(d => !isOrphanOnly || d.Kind != DonorKind.Surplus)
                .Where(d => d.Kind != DonorKind.Surplus || d.Node.Myself!.MasterId != master.Id)
                .OrderBy(d => SameDomain(d.Node, master) || (d.Node.Node.FailureDomain is { } domain && domains[master.Id!].Contains(domain)) ? 1 : 0)
                .ThenBy(d => d.Kind)
                .ThenBy(d => d.Node.Node.Index)
                .ToList();
            if (candidates.Count == 0)
            {
                break;
            }

            var donor = candidates[0];
            donors.Remove(donor);
            counts[master.Id!]++;
            domains[master.Id!].Add(donor.Node.Node.FailureDomain);
            if (donor.Kind == DonorKind.Surplus && donor.Node.Myself!.MasterId is { } previous && counts.TryGetValue(previous, out var left))
            {
                counts[previous] = left - 1;
            }

            actions.Add(new RepairAction(
                donor.Node.Node,
                ["CLUSTER", "REPLICATE", master.Id!],
                $"{donor.Why}; {master.Node.Name} has the fewest replicas ({counts[master.Id!] - 1} of {replicasPerMaster})"));
        }

        return actions;
    }

    /// <summary>Replicas whose master is not a slot-owning master and is not a failed owner awaiting failover.</summary>
    private static IEnumerable<(NodeSnapshot, DonorKind, string)> Orphans(ClusterModel model)
    {
        var owners = model.Masters.Select(m => m.Id!).ToHashSet(StringComparer.Ordinal);
        foreach (var replica in model.Members.Where(m => m.Myself is { IsReplica: true }))
        {
            var masterId = replica.Myself!.MasterId;
            if (masterId is null || owners.Contains(masterId))
            {
                continue;
            }

            var claimsSlots = !model.ById.ContainsKey(masterId) && model.SlotsClaimedFor(masterId).Count > 0;
            if (claimsSlots)
            {
                continue;
            }

            yield return (replica, DonorKind.Orphan, $"{replica.Node.Name} follows {model.NameOf(masterId)}, which serves no slots");
        }
    }

    private static IEnumerable<(NodeSnapshot, DonorKind, string)> Spares(ClusterModel model) =>
        model.Members
            .Where(m => m.Myself is { IsMaster: true, SlotCount: 0, Migrating.Count: 0, Importing.Count: 0 } && m.KeyCount == 0 && m.View.Count > 1)
            .Select(m => (m, DonorKind.Spare, $"{m.Node.Name} is a master without slots"));

    private static IEnumerable<(NodeSnapshot, DonorKind, string)> Surplus(ClusterModel model, int replicasPerMaster) =>
        model.Masters.SelectMany(master => model.ReplicasOf(master.Id!)
            .OrderBy(r => r.Node.Index)
            .Skip(replicasPerMaster)
            .Select(r => (r, DonorKind.Surplus, $"{r.Node.Name} is an extra replica of {master.Node.Name}")));

    private static bool SameDomain(NodeSnapshot node, NodeSnapshot master) =>
        node.Node.FailureDomain is { } domain && domain == master.Node.FailureDomain;
}

using System.Globalization;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.ClusterInit.Repair;

/// <summary>
/// Plans the next repair step from snapshots of every configured node. It first looks for
/// anything that makes a change unsafe (blockers: data that would be lost or a decision only a
/// person can make); then it returns the first phase that has work, in this order: addresses
/// (MEET known nodes where they are now), promoting the replica of a master that is gone for good,
/// orphaned replicas of dead nodes, forgetting dead node
/// IDs, open slots, joining new empty nodes, replica placement. It never plans CLUSTER RESET,
/// FLUSHALL or FLUSHDB, and never assigns a slot that some node may still hold.
/// </summary>
public static class RepairPlanner
{
    public static RepairPlan Plan(IReadOnlyList<NodeSnapshot> snapshots, int replicasPerMaster)
    {
        var model = new ClusterModel(snapshots);
        var blockers = Blockers.Find(model);
        if (blockers.Count > 0)
        {
            return RepairPlan.Blocked(blockers);
        }

        var phases = new (string Name, Func<ClusterModel, List<RepairAction>> Plan)[]
        {
            ("addresses", PlanAddressFixes),
            ("promote replicas of lost masters", PlanPromotions),
            ("orphaned replicas", m => ReplicaPlacement.PlanForReplicasOfDeadNodes(m, replicasPerMaster)),
            ("forget dead nodes", PlanForgets),
            ("open slots", OpenSlots.Plan),
            ("join new nodes", PlanJoins),
            ("replicas", m => ReplicaPlacement.Plan(m, replicasPerMaster)),
        };
        foreach (var (name, plan) in phases)
        {
            var actions = plan(model);
            if (actions.Count > 0)
            {
                return new RepairPlan(name, actions, []);
            }
        }

        return RepairPlan.Nothing;
    }

    /// <summary>A member that does not know a configured member, or knows it at another address or none: MEET it where it answers now.</summary>
    private static List<RepairAction> PlanAddressFixes(ClusterModel model)
    {
        var actions = new List<RepairAction>();
        foreach (var member in model.Members)
        {
            foreach (var peer in model.Members.Where(p => p != member))
            {
                var entry = member.View.FirstOrDefault(e => e.Id == peer.Id);
                var current = peer.Node.ResolvedEndpoint;
                string? reason = entry switch
                {
                    null => $"it does not know {peer.Node.Display} ({peer.Id})",
                    { IsNoAddress: true } => $"it has no address for {peer.Node.Display}",
                    _ when entry.Endpoint != current && entry.Endpoint != peer.Node.Endpoint
                        => $"it has {peer.Node.Name} at {entry.Endpoint}, but that node now answers at {current}",
                    _ when entry.BusPort != peer.Node.BusPort
                        => $"it has {peer.Node.Name}'s cluster bus at port {entry.BusPort}, but it is {peer.Node.BusPort}",
                    _ => null,
                };
                if (reason is not null)
                {
                    actions.Add(new RepairAction(member.Node, Meet(peer.Node), reason));
                }
            }
        }

        return actions;
    }

    /// <summary>
    /// A master that owns slots but whose address every member has dropped (<c>noaddr</c>: a node with
    /// another ID answered there, so the old node is gone for good) is never failed over by Redis,
    /// which only fails over nodes it can time out. Its most up-to-date reachable replica is promoted
    /// with CLUSTER FAILOVER FORCE (the master cannot take part, so no handshake with it).
    /// </summary>
    private static List<RepairAction> PlanPromotions(ClusterModel model)
    {
        var actions = new List<RepairAction>();
        foreach (var id in model.UnknownIds())
        {
            var entries = model.EntriesOf(id).ToList();
            if (entries.Count == 0 || !entries.All(e => e.IsMaster && e.IsNoAddress) || model.SlotsClaimedFor(id).Count == 0)
            {
                continue;
            }

            var replica = model.ReplicasOf(id)
                .OrderByDescending(r => long.TryParse(r.Replication.GetValueOrDefault("slave_repl_offset"), out var offset) ? offset : -1)
                .ThenBy(r => r.Node.Index)
                .FirstOrDefault();
            if (replica is not null)
            {
                actions.Add(new RepairAction(
                    replica.Node,
                    ["CLUSTER", "FAILOVER", "FORCE"],
                    $"its master {id} owns slots {SlotRange.Format(model.SlotsClaimedFor(id))} but no node has an address for it any more "
                    + "(another node answered at its address), so Redis will never fail it over"));
            }
        }

        return actions;
    }

    /// <summary>Dead IDs (every view says fail/noaddr, owning no slot, nobody's master) are forgotten on every member that knows them.</summary>
    private static List<RepairAction> PlanForgets(ClusterModel model)
    {
        var actions = new List<RepairAction>();
        foreach (var id in model.UnknownIds().Where(model.IsDead))
        {
            if (model.SlotsClaimedFor(id).Count > 0 || model.ReplicasOf(id).Count > 0)
            {
                continue;
            }

            var address = model.EntriesOf(id).Select(e => e.Endpoint?.ToString()).FirstOrDefault(a => a is not null) ?? "no address";
            foreach (var member in model.Members.Where(m => m.View.Any(e => e.Id == id)))
            {
                actions.Add(new RepairAction(
                    member.Node,
                    ["CLUSTER", "FORGET", id],
                    $"node {id} (last at {address}) is failed, owns no slots and is no configured node: it was replaced or lost its data"));
            }
        }

        return actions;
    }

    /// <summary>Empty, alone nodes are introduced to every member (full mesh converges fastest); their role comes in the replica phase.</summary>
    private static List<RepairAction> PlanJoins(ClusterModel model) =>
        model.Fresh
            .SelectMany(fresh => model.Members.Select(member => new RepairAction(
                member.Node, Meet(fresh.Node), $"{fresh.Node.Display} is empty and alone: it joins the cluster")))
            .ToList();

    public static IReadOnlyList<string> Meet(ManagedNode peer)
    {
        var port = peer.ResolvedEndpoint.Port.ToString(CultureInfo.InvariantCulture);
        return peer.BusPort == peer.ResolvedEndpoint.Port + 10000
            ? ["CLUSTER", "MEET", peer.ResolvedEndpoint.Host, port]
            : ["CLUSTER", "MEET", peer.ResolvedEndpoint.Host, port, peer.BusPort.ToString(CultureInfo.InvariantCulture)];
    }
}

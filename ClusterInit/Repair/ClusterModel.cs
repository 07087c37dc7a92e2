using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.ClusterInit.Repair;

/// <summary>
/// Facts derived from one round of snapshots of every configured node: which nodes are
/// members, which are new and empty, which node IDs in the views belong to no configured node.
/// A node's own CLUSTER NODES line is the authority on its role, master and slots.
/// </summary>
public sealed class ClusterModel
{
    private static readonly HashSet<string> DeadFlags = ["fail", "noaddr"];

    public ClusterModel(IReadOnlyList<NodeSnapshot> snapshots, IReadOnlyList<ManagedNode>? configured = null)
    {
        Snapshots = snapshots;
        Configured = configured ?? snapshots.Select(s => s.Node).ToList();
        Fresh = snapshots.Where(s => s.IsEmptyAndAlone).ToList();
        Members = snapshots.Where(s => s.ClusterEnabled && s.Id is not null && !s.IsEmptyAndAlone).ToList();
        ById = snapshots.Where(s => s.Id is not null).GroupBy(s => s.Id!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Masters = Members.Where(s => s.Myself is { IsMaster: true, SlotCount: > 0 }).ToList();
    }

    public IReadOnlyList<NodeSnapshot> Snapshots { get; }

    /// <summary>Every configured node, reachable or not.</summary>
    public IReadOnlyList<ManagedNode> Configured { get; }

    /// <summary>Configured nodes that belong to a cluster (know other nodes, own slots or hold keys).</summary>
    public IReadOnlyList<NodeSnapshot> Members { get; }

    /// <summary>Configured nodes that are empty and alone: ready to join.</summary>
    public IReadOnlyList<NodeSnapshot> Fresh { get; }

    /// <summary>Members that are masters owning slots.</summary>
    public IReadOnlyList<NodeSnapshot> Masters { get; }

    public IReadOnlyDictionary<string, NodeSnapshot> ById { get; }

    /// <summary>Every entry the members' views hold for <paramref name="id"/>.</summary>
    public IEnumerable<ClusterNodeEntry> EntriesOf(string id) =>
        Members.SelectMany(m => m.View.Where(e => e.Id == id));

    /// <summary>IDs in the members' views that are no configured node's own ID (handshake placeholders excluded).</summary>
    public IReadOnlyList<string> UnknownIds() =>
        Members.SelectMany(m => m.View)
            .Where(e => !e.IsHandshake && !ById.ContainsKey(e.Id))
            .Select(e => e.Id)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>An unknown ID every view marks <c>fail</c> or <c>noaddr</c>: a node that is gone (replaced or lost).</summary>
    public bool IsDead(string id) => EntriesOf(id).All(e => e.Flags.Overlaps(DeadFlags) || e.Endpoint is null);

    /// <summary>Slots that some member's view assigns to <paramref name="id"/>.</summary>
    public IReadOnlyList<SlotRange> SlotsClaimedFor(string id) =>
        SlotRange.FromSlots(EntriesOf(id).SelectMany(e => e.Slots).SelectMany(r => Enumerable.Range(r.Start, r.Count)));

    /// <summary>Replicas (members) whose own line names <paramref name="masterId"/> as their master.</summary>
    public IReadOnlyList<NodeSnapshot> ReplicasOf(string masterId) =>
        Members.Where(m => m.Myself is { IsReplica: true } me && me.MasterId == masterId).ToList();

    /// <summary>A node ID as a person reads it: the configured node's name when it answers or sits at a configured address.</summary>
    public string NameOf(string? id)
    {
        if (id is null)
        {
            return "no node";
        }

        if (ById.TryGetValue(id, out var snapshot))
        {
            return snapshot.Node.Display;
        }

        var address = EntriesOf(id).Select(e => e.Endpoint).FirstOrDefault(e => e is not null);
        var configured = Configured.FirstOrDefault(n => n.Endpoint == address || n.ResolvedEndpoint == address);
        return configured is null
            ? $"node {id} ({address?.ToString() ?? "no address"})"
            : $"{configured.Display} as node {id}";
    }

    /// <summary>True when <paramref name="endpoint"/> is where a configured node is (or was configured to be).</summary>
    public bool IsConfiguredAddress(NodeEndpoint? endpoint) =>
        endpoint is not null && Configured.Any(n => n.Endpoint == endpoint || n.ResolvedEndpoint == endpoint);
}

using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.ClusterInit.Recovery;

/// <summary>
/// The cluster per shard as the reachable nodes see it: each slot-owning master (reachable or not) with its slots and
/// replicas, the configured nodes in no shard, and slots no shard owns. Built from read-only snapshots only.
/// </summary>
public sealed class ShardMap
{
    private ShardMap(IReadOnlyList<Shard> shards, IReadOnlyList<ShardNode> others, IReadOnlyList<SlotRange> unowned, int reachableCount, bool hasMembers)
    {
        Shards = shards;
        Others = others;
        Unowned = unowned;
        ReachableCount = reachableCount;
        HasMembers = hasMembers;
    }

    public IReadOnlyList<Shard> Shards { get; }

    /// <summary>Configured nodes that are in no shard: new or spare nodes, nodes no reachable node lists.</summary>
    public IReadOnlyList<ShardNode> Others { get; }

    /// <summary>Slots no reachable node assigns to any master.</summary>
    public IReadOnlyList<SlotRange> Unowned { get; }

    public int ReachableCount { get; }

    /// <summary>Some reachable node belongs to a cluster (knows other nodes, owns slots or holds keys).</summary>
    public bool HasMembers { get; }

    /// <summary>The entry of a configured node: in a shard, or among <see cref="Others"/>.</summary>
    public ShardNode? NodeFor(ManagedNode node) =>
        Shards.SelectMany(s => s.Replicas.Prepend(s.Master)).Concat(Others).FirstOrDefault(n => n.Configured == node);

    public static ShardMap Build(IReadOnlyList<ManagedNode> configured, IReadOnlyList<NodeSnapshot> reachable)
    {
        var members = reachable.Where(s => s.ClusterEnabled && s.Id is not null && !s.IsEmptyAndAlone).ToList();
        var views = members.Select(m => (m.Node, m.View)).ToList();
        var nodes = new Dictionary<string, ShardNode>(StringComparer.Ordinal);
        foreach (var snapshot in reachable.Where(s => s.Id is not null))
        {
            nodes.TryAdd(snapshot.Id!, new ShardNode
            {
                Id = snapshot.Id,
                Configured = snapshot.Node,
                Endpoint = snapshot.Node.Endpoint,
                Snapshot = snapshot,
                Sightings = SightingsOf(snapshot.Id!, views),
            });
        }

        var answering = reachable.Select(s => s.Node).ToHashSet();
        var unknownIds = views.SelectMany(v => v.View).Where(e => !e.IsHandshake && !nodes.ContainsKey(e.Id)).Select(e => e.Id).Distinct(StringComparer.Ordinal).ToList();
        foreach (var id in unknownIds)
        {
            var sightings = SightingsOf(id, views);
            var address = sightings.Select(s => s.Entry.Endpoint).FirstOrDefault(e => e is not null);
            var node = configured.FirstOrDefault(n => !answering.Contains(n) && address is { } a && (n.Endpoint == a || n.ResolvedEndpoint == a));
            nodes[id] = new ShardNode { Id = id, Configured = node, Endpoint = node?.Endpoint ?? address, Sightings = sightings };
        }

        var ownedByReachable = members.Where(m => m.Myself!.IsMaster).SelectMany(m => Slots(m.Myself!.Slots)).ToHashSet();
        var shards = new List<Shard>();
        foreach (var node in nodes.Values)
        {
            IReadOnlyList<SlotRange> slots = node.Snapshot is { } snapshot
                ? snapshot.Myself is { IsMaster: true } myself ? myself.Slots : []
                : SlotRange.FromSlots(node.Sightings.Where(s => s.Entry.IsMaster).SelectMany(s => Slots(s.Entry.Slots)).Where(s => !ownedByReachable.Contains(s)).Distinct());
            if (slots.Count > 0)
            {
                var replicas = nodes.Values.Where(r => r.IsReplica && r.Line!.MasterId == node.Id).OrderBy(r => r.Configured?.Index ?? int.MaxValue).ToList();
                shards.Add(new Shard(node, slots, replicas));
            }
        }

        shards.Sort((a, b) => a.Slots[0].Start.CompareTo(b.Slots[0].Start));
        var placed = shards.SelectMany(s => s.Replicas.Prepend(s.Master)).Where(n => n.Configured is not null).Select(n => n.Configured!).ToHashSet();
        var others = new List<ShardNode>();
        foreach (var node in configured.Where(n => !placed.Contains(n)))
        {
            others.Add(nodes.Values.FirstOrDefault(n => n.Configured == node)
                ?? new ShardNode { Configured = node, Endpoint = node.Endpoint, Snapshot = reachable.FirstOrDefault(s => s.Node == node) });
        }

        var owned = shards.SelectMany(s => Slots(s.Slots)).ToHashSet();
        var unowned = SlotRange.FromSlots(Enumerable.Range(0, SlotRange.SlotCount).Where(s => !owned.Contains(s)));
        return new ShardMap(shards, others, unowned, reachable.Count, members.Count > 0);
    }

    private static List<PeerSighting> SightingsOf(string id, List<(ManagedNode Node, IReadOnlyList<ClusterNodeEntry> View)> views) =>
        [.. views.SelectMany(v => v.View.Where(e => e.Id == id && !e.IsMyself && !e.IsHandshake).Select(e => new PeerSighting(v.Node, e)))];

    private static IEnumerable<int> Slots(IEnumerable<SlotRange> ranges) => ranges.SelectMany(r => Enumerable.Range(r.Start, r.Count));
}

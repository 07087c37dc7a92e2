using System.Globalization;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.ClusterInit.Recovery;

/// <summary>
/// One node of a shard as ClusterInit knows it: from its own answers when it is reachable, otherwise from what the
/// reachable nodes' CLUSTER NODES say about it.
/// </summary>
public sealed record ShardNode
{
    /// <summary>The node ID; null for a configured node that does not answer and that no reachable node lists.</summary>
    public string? Id { get; init; }

    /// <summary>The configured node this is (by its answers, or by the address the others list it at), if any.</summary>
    public ManagedNode? Configured { get; init; }

    /// <summary>Where the node is (configured), or where the others last saw it.</summary>
    public NodeEndpoint? Endpoint { get; init; }

    /// <summary>Its own answers; null when it does not answer.</summary>
    public NodeSnapshot? Snapshot { get; init; }

    /// <summary>How the reachable nodes list it.</summary>
    public IReadOnlyList<PeerSighting> Sightings { get; init; } = [];

    public bool IsReachable => Snapshot is not null;

    /// <summary>Does not answer, and every reachable node that lists it flags it failed.</summary>
    public bool IsDown => !IsReachable && PeerSighting.AllFlagFailed(Sightings);

    /// <summary>Its role: its own line when it answers, else what most reachable nodes list.</summary>
    public ClusterNodeEntry? Line => Snapshot?.Myself
        ?? Sightings.GroupBy(s => (s.Entry.IsMaster, s.Entry.MasterId)).OrderByDescending(g => g.Count()).Select(g => g.First().Entry).FirstOrDefault();

    public bool IsReplica => Line?.IsReplica == true;

    public string Name => Configured?.Name ?? $"node {Id?[..Math.Min(8, Id.Length)]}";

    /// <summary><c>redis-0 (127.0.0.1:7000)</c>, or the node ID and last address for a node that is not configured.</summary>
    public string Display => Configured?.Display ?? $"node {Id} ({Endpoint?.ToString() ?? "no address"})";

    public long? KeyCount => Snapshot?.KeyCount;

    /// <summary>Replication offset: <c>slave_repl_offset</c> of a replica, <c>master_repl_offset</c> of a master.</summary>
    public long? Offset => Snapshot is null
        ? null
        : Number(Snapshot.Replication, IsReplica ? "slave_repl_offset" : "master_repl_offset");

    /// <summary>INFO replication <c>master_link_down_since_seconds</c>: -1 when the link has not been up since the node started.</summary>
    public long? LinkDownSeconds => Snapshot is null ? null : SignedNumber(Snapshot.Replication, "master_link_down_since_seconds");

    /// <summary>What the report's STATE column says.</summary>
    public string State
    {
        get
        {
            if (Snapshot is { } snapshot)
            {
                var state = snapshot.ClusterState == "ok" ? "answers" : $"answers, cluster_state:{snapshot.ClusterState}";
                if (!IsReplica)
                {
                    return state;
                }

                var link = snapshot.Replication.GetValueOrDefault("master_link_status", "unknown");
                return LinkDownSeconds switch
                {
                    _ when link == "up" => state + ", link up",
                    -1 => state + ", link down since it started",
                    { } seconds => state + $", link down {seconds.ToString(CultureInfo.InvariantCulture)} s",
                    null => state + $", link {link}",
                };
            }

            if (Sightings.Count == 0)
            {
                return "does not answer, unknown to the reachable nodes";
            }

            var connected = Sightings.Where(s => !s.FlagsFailed).Select(s => s.Viewer.Name).ToList();
            if (connected.Count > 0)
            {
                return $"does not answer, not flagged failed by {string.Join(", ", connected)}";
            }

            return Sightings.Any(s => s.Entry.IsFailed) ? "down: does not answer, flagged fail" : "down: does not answer, flagged fail?";
        }
    }

    private static long? Number(IReadOnlyDictionary<string, string> fields, string name) =>
        long.TryParse(fields.GetValueOrDefault(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? SignedNumber(IReadOnlyDictionary<string, string> fields, string name) =>
        long.TryParse(fields.GetValueOrDefault(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}

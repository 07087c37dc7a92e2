using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.ClusterInit.Recovery;

/// <summary>How one reachable node's CLUSTER NODES lists another node.</summary>
public sealed record PeerSighting(ManagedNode Viewer, ClusterNodeEntry Entry)
{
    /// <summary>The viewer flags the node <c>fail</c> (a majority of masters agreed) or <c>fail?</c> (it stopped answering the viewer).</summary>
    public bool FlagsFailed => Entry.IsFailed || Entry.IsSuspected;

    /// <summary>Every line that lists a node at <paramref name="node"/>'s configured or resolved address (handshakes and the viewer's own line excluded).</summary>
    public static IReadOnlyList<PeerSighting> Of(ManagedNode node, IEnumerable<(ManagedNode Viewer, IReadOnlyList<ClusterNodeEntry> View)> views) =>
        [.. views.SelectMany(v => v.View
            .Where(e => !e.IsMyself && !e.IsHandshake && e.Endpoint is { } at && (at == node.Endpoint || at == node.ResolvedEndpoint))
            .Select(e => new PeerSighting(v.Viewer, e)))];

    /// <summary>
    /// True when some reachable node lists the node and every one that does flags it failed: the cluster itself has
    /// stopped hearing from it for at least its node timeout, so it is down rather than still starting or cut off
    /// from ClusterInit alone.
    /// </summary>
    public static bool AllFlagFailed(IReadOnlyList<PeerSighting> sightings) => sightings.Count > 0 && sightings.All(s => s.FlagsFailed);
}

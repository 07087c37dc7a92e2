using RedisAspire.Cluster;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;
using RedisAspire.ClusterInit.Waiting;

namespace RedisAspire.ClusterInit.Recovery;

/// <summary>
/// Decides, with CLUSTER NODES on the nodes that answer (read-only), whether the nodes that do not answer are down:
/// every answering node that lists one flags it <c>fail</c> or <c>fail?</c>. Then waiting longer only waits for a
/// person to restart them, so ClusterInit can judge the cluster without them. A node nobody lists, or one some node
/// still sees connected, may be starting or cut off from ClusterInit alone: it is waited for.
/// </summary>
public static class DownNodeCheck
{
    public static async Task<bool> AllDownAsync(IReadOnlyList<ManagedNode> answered, IReadOnlyList<ManagedNode> missing, CancellationToken cancellationToken)
    {
        var views = new List<(ManagedNode Viewer, IReadOnlyList<ClusterNodeEntry> View)>();
        foreach (var node in answered)
        {
            try
            {
                views.Add((node, ClusterNodesParser.Parse(await node.Connection.ExecuteTextAsync(cancellationToken, "CLUSTER", "NODES").ConfigureAwait(false))));
            }
            catch (Exception exception) when (exception is ClusterNodesFormatException || Poller.IsTransient(exception))
            {
                // Cluster mode off, or an answer to judge later: this node lists nobody.
            }
        }

        foreach (var node in missing)
        {
            await TryResolveAsync(node, cancellationToken).ConfigureAwait(false);
            if (!PeerSighting.AllFlagFailed(PeerSighting.Of(node, views)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>CLUSTER NODES lists IP addresses: a host name is resolved when it can be (a node that is down may not resolve).</summary>
    private static async Task TryResolveAsync(ManagedNode node, CancellationToken cancellationToken)
    {
        if (node.ResolvedEndpoint != node.Endpoint)
        {
            return;
        }

        try
        {
            node.ResolvedEndpoint = await EndpointResolver.ResolveAsync(node.Endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterException)
        {
            // Compared by its configured address only.
        }
    }
}

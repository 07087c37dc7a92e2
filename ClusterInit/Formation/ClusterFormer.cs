using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RedisAspire.Cluster.Inspection;
using RedisAspire.ClusterInit.Options;
using RedisAspire.ClusterInit.Planning;
using RedisAspire.ClusterInit.Waiting;

namespace RedisAspire.ClusterInit.Formation;

/// <summary>
/// Forms a new cluster over empty nodes: slots, distinct config epochs, a full-mesh MEET,
/// then replicas. Only ever called when every node is empty and alone. Every node's node-timeout is lowered through
/// a <see cref="FormationNodeTimeout"/> once the handshakes are done; the caller sets it back.
/// </summary>
public sealed class ClusterFormer(ClusterOptions options, ILogger<ClusterFormer> logger)
{
    public async Task FormAsync(IReadOnlyList<ManagedNode> nodes, ClusterPlan plan, FormationNodeTimeout nodeTimeout, CancellationToken cancellationToken)
    {
        using (ClusterInitTelemetry.ActivitySource.StartActivity("assign slots"))
        {
            await Task.WhenAll(plan.Masters.Select(m => AssignSlotsAsync(nodes[m.Index], m, cancellationToken))).ConfigureAwait(false);

            // Distinct epochs before MEET, so no two masters start with the same epoch (Redis only accepts this while alone).
            await Task.WhenAll(nodes.Select(n => n.Connection.ExecuteAsync(
                cancellationToken, "CLUSTER", "SET-CONFIG-EPOCH", (n.Index + 1).ToString(CultureInfo.InvariantCulture)))).ConfigureAwait(false);
        }

        using (ClusterInitTelemetry.ActivitySource.StartActivity("meet"))
        {
            await Task.WhenAll(nodes.Select(n => MeetLaterNodesAsync(n, nodes, cancellationToken))).ConfigureAwait(false);
            await WaitForHandshakesAsync(nodes, cancellationToken).ConfigureAwait(false);
        }

        // After the handshakes: Redis drops a handshake after max(node-timeout, 1 s), so MEET keeps the configured timeout.
        // Every node, not only the masters: a node pings each peer it has not heard from for half its node-timeout, and a
        // new replica's role reaches the other nodes only in its own pings, so the replicas' views agree that much sooner.
        if (options.FormationNodeTimeout > TimeSpan.Zero)
        {
            using (ClusterInitTelemetry.ActivitySource.StartActivity("lower node-timeout"))
            {
                await nodeTimeout.LowerAsync(nodes, options.FormationNodeTimeout, cancellationToken).ConfigureAwait(false);
            }
        }

        using (ClusterInitTelemetry.ActivitySource.StartActivity("replicate"))
        {
            var ids = await Task.WhenAll(nodes.Select(n => n.Connection.ExecuteTextAsync(cancellationToken, "CLUSTER", "MYID"))).ConfigureAwait(false);
            await Task.WhenAll(plan.Replicas.Select(r =>
            {
                Log.Replicating(logger, nodes[r.Index].Display, nodes[r.MasterIndex!.Value].Display);
                return nodes[r.Index].Connection.ExecuteAsync(cancellationToken, "CLUSTER", "REPLICATE", ids[r.MasterIndex!.Value]);
            })).ConfigureAwait(false);
        }
    }

    private async Task AssignSlotsAsync(ManagedNode node, PlannedNode master, CancellationToken cancellationToken)
    {
        foreach (var range in master.Slots)
        {
            Log.AssigningSlots(logger, node.Display, range.ToString());
            await node.Connection.ExecuteAsync(
                cancellationToken,
                "CLUSTER",
                "ADDSLOTSRANGE",
                range.Start.ToString(CultureInfo.InvariantCulture),
                range.End.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
    }

    /// <summary>Each node meets every node after it in the list: every pair once, which converges fastest.</summary>
    private static async Task MeetLaterNodesAsync(ManagedNode node, IReadOnlyList<ManagedNode> nodes, CancellationToken cancellationToken)
    {
        for (var j = node.Index + 1; j < nodes.Count; j++)
        {
            var peer = nodes[j];
            var address = peer.ResolvedEndpoint.Host;
            var port = peer.Endpoint.Port.ToString(CultureInfo.InvariantCulture);
            string[] command = peer.BusPort == peer.Endpoint.Port + 10000
                ? ["CLUSTER", "MEET", address, port]
                : ["CLUSTER", "MEET", address, port, peer.BusPort.ToString(CultureInfo.InvariantCulture)];
            await node.Connection.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitForHandshakesAsync(IReadOnlyList<ManagedNode> nodes, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var ids = await Task.WhenAll(nodes.Select(n => n.Connection.ExecuteTextAsync(cancellationToken, "CLUSTER", "MYID"))).ConfigureAwait(false);
        await Poller.UntilAsync(
            "every node to complete the cluster-bus handshake with every other node (CLUSTER MEET)",
            options.ReadyTimeout,
            options.PollInterval,
            async ct =>
            {
                var snapshots = await NodeInspector.InspectAllAsync(nodes, ct).ConfigureAwait(false);
                var missing = HandshakeGaps(snapshots, ids);
                return missing.Count == 0
                    ? null
                    : string.Join("; ", missing) + ". The cluster bus port (client port + 10000 by default) must be open between nodes.";
            },
            cancellationToken).ConfigureAwait(false);
        Log.MeetCompleted(logger, nodes.Count, stopwatch.ElapsedMilliseconds);
    }

    private static List<string> HandshakeGaps(NodeSnapshot[] snapshots, string[] ids)
    {
        var gaps = new List<string>();
        foreach (var snapshot in snapshots)
        {
            foreach (var peer in snapshots.Where(p => p != snapshot))
            {
                var entry = snapshot.View.FirstOrDefault(e => e.Id == ids[peer.Node.Index]);
                if (entry is null || entry.IsHandshake || !entry.LinkConnected)
                {
                    gaps.Add($"{snapshot.Node.Display} cannot reach {peer.Node.Name}'s cluster bus at {peer.Node.Endpoint.Host}:{peer.Node.BusPort}");
                }
            }
        }

        return gaps;
    }
}

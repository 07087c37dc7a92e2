using System.Diagnostics;
using System.Globalization;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Cluster.Failover;

/// <summary>
/// Promotes the best replica of a master whose process is known to have exited, without waiting for Redis' failure
/// detection (node timeout plus election): <c>CLUSTER FAILOVER FORCE</c> on the connected replica with the highest
/// replication offset, which starts the election at once (the other masters vote for a forced failover although they
/// have not flagged the master failed). The caller must know the master is dead — a paused or cut-off master is left to
/// Redis, since promoting around a live master splits the shard. A replica whose link to the master was down longer
/// than the node timeout may be far behind: it is never promoted here, and when it is the only copy the outcome says so
/// instead (a person decides, with ClusterInit's explicit takeover).
/// </summary>
public static class SupervisedPromotion
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Promotes one of <paramref name="replicas"/> (the dead master's, as last seen) and confirms it with real commands.</summary>
    /// <param name="master">The dead master's name, for messages.</param>
    /// <param name="masterId">The dead master's node ID.</param>
    /// <param name="slots">The slots it served.</param>
    /// <param name="replicas">Its replicas, each with an admin connection.</param>
    /// <param name="nodeTimeout">The cluster's node timeout: a replica whose link was down longer is not promoted.</param>
    /// <param name="confirmTimeout">How long the promotion may take to show in the cluster.</param>
    /// <param name="cancellationToken">Stops the promotion's waits.</param>
    public static async Task<PromotionOutcome> PromoteAsync(
        string master, string masterId, IReadOnlyList<SlotRange> slots, IReadOnlyList<ManagedNode> replicas, TimeSpan nodeTimeout, TimeSpan confirmTimeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        var started = Stopwatch.GetTimestamp();
        var slotText = SlotRange.Format(slots);
        var candidates = new List<(ManagedNode Node, long Offset)>();
        var refused = new List<string>();
        foreach (var replica in replicas)
        {
            var (offset, why) = await AssessAsync(replica, masterId, nodeTimeout, cancellationToken).ConfigureAwait(false);
            if (offset is { } value)
            {
                candidates.Add((replica, value));
            }
            else
            {
                refused.Add($"{replica.Display}: {why}");
            }
        }

        if (candidates.Count == 0)
        {
            var reasons = refused.Count == 0 ? "it has no replica" : string.Join("; ", refused);
            return new PromotionOutcome(false, null,
                $"{master} served slots {slotText} and no replica of it can take over safely ({reasons}). Redis' own failure detection may still promote one; "
                + "if the shard stays down, the cluster's Check command and ClusterInit's report say what survives and how to recover it.",
                Stopwatch.GetElapsedTime(started));
        }

        var best = candidates.OrderByDescending(c => c.Offset).First();
        var others = candidates.Where(c => c.Node != best.Node).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Node.Name} at {c.Offset}")).ToList();
        var reply = await best.Node.Connection.ExecuteTextAsync(cancellationToken, "CLUSTER", "FAILOVER", "FORCE").ConfigureAwait(false);
        if (reply != "OK")
        {
            return new PromotionOutcome(false, null, $"{best.Node.Display} answered '{reply}' to CLUSTER FAILOVER FORCE; Redis' own failover continues.", Stopwatch.GetElapsedTime(started));
        }

        var lastSeen = "nothing yet";
        while (Stopwatch.GetElapsedTime(started) < confirmTimeout)
        {
            foreach (var (node, _) in candidates)
            {
                var (serving, seen) = await ServesAsync(node, slots, cancellationToken).ConfigureAwait(false);
                if (serving)
                {
                    var why = string.Create(CultureInfo.InvariantCulture, $"replication offset {best.Offset}")
                        + (others.Count > 0 ? $"; other candidates: {string.Join(", ", others)}" : "")
                        + (refused.Count > 0 ? $"; not eligible: {string.Join("; ", refused)}" : "");
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    return new PromotionOutcome(true, node.Name,
                        string.Create(CultureInfo.InvariantCulture, $"{node.Display} serves {master}'s slots {slotText} {elapsed.TotalMilliseconds:0} ms after CLUSTER FAILOVER FORCE on {best.Node.Name} ({why}); cluster_state:ok."),
                        elapsed);
                }

                lastSeen = seen;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return new PromotionOutcome(false, null,
            $"{best.Node.Display} did not take over {master}'s slots {slotText} within {confirmTimeout.TotalSeconds:0.#} s of CLUSTER FAILOVER FORCE (last seen: {lastSeen}); Redis' own failover continues.",
            Stopwatch.GetElapsedTime(started));
    }

    // The replica's replication offset when it may be promoted, else why not.
    private static async Task<(long? Offset, string Why)> AssessAsync(ManagedNode replica, string masterId, TimeSpan nodeTimeout, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> replication;
        IReadOnlyList<ClusterNodeEntry> view;
        try
        {
            replication = InfoParser.Parse(await replica.Connection.ExecuteTextAsync(cancellationToken, "INFO", "replication").ConfigureAwait(false));
            view = ClusterNodesParser.Parse(await replica.Connection.ExecuteTextAsync(cancellationToken, "CLUSTER", "NODES").ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (null, $"does not answer ({ex.Message})");
        }

        var myself = view.FirstOrDefault(e => e.IsMyself);
        if (myself is not { IsReplica: true } || myself.MasterId != masterId)
        {
            return (null, "is no longer its replica");
        }

        var downSeconds = replication.TryGetValue("master_link_down_since_seconds", out var down) && long.TryParse(down, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        if (downSeconds < 0 || downSeconds > Math.Ceiling(nodeTimeout.TotalSeconds))
        {
            return (null, downSeconds < 0
                ? "its link to the master has not been up since it started, so its data may be far behind"
                : string.Create(CultureInfo.InvariantCulture, $"its link to the master was down for {downSeconds} s, longer than the node timeout, so its data may be far behind"));
        }

        return long.TryParse(replication.GetValueOrDefault("slave_repl_offset"), CultureInfo.InvariantCulture, out var offset)
            ? (offset, "")
            : (null, "reports no replication offset");
    }

    private static async Task<(bool Serving, string Seen)> ServesAsync(ManagedNode node, IReadOnlyList<SlotRange> slots, CancellationToken cancellationToken)
    {
        try
        {
            var view = ClusterNodesParser.Parse(await node.Connection.ExecuteTextAsync(cancellationToken, "CLUSTER", "NODES").ConfigureAwait(false));
            var state = InfoParser.Parse(await node.Connection.ExecuteTextAsync(cancellationToken, "CLUSTER", "INFO").ConfigureAwait(false)).GetValueOrDefault("cluster_state", "unknown");
            var myself = view.FirstOrDefault(e => e.IsMyself);
            var ownsAll = myself is { IsMaster: true } && slots.All(r => myself.Slots.Any(s => s.Start <= r.Start && r.End <= s.End));
            return (ownsAll && state == "ok", $"{node.Name}: {(myself?.IsMaster == true ? "master" : "replica")}, {myself?.SlotCount ?? 0} slots, cluster_state:{state}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (false, $"{node.Name}: {ex.Message}");
        }
    }
}

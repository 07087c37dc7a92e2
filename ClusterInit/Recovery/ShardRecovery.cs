using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RedisAspire.Cluster;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;
using RedisAspire.ClusterInit.Options;
using RedisAspire.ClusterInit.Waiting;

namespace RedisAspire.ClusterInit.Recovery;

/// <summary>
/// What ClusterInit does when some nodes do not answer: it reports every shard as the reachable nodes see it and,
/// for each lost shard, why Redis does not recover it and what a person can do. It changes nothing, unless a person
/// asked for a takeover (<c>Cluster:Takeover</c>): then it promotes the most up-to-date surviving replica of each named
/// lost shard with <c>CLUSTER FAILOVER TAKEOVER</c> and waits until every slot is served again.
/// </summary>
public sealed class ShardRecovery(ClusterOptions options, ILogger logger)
{
    /// <summary>
    /// Returns the reachable nodes' snapshots once every slot is served again after a requested takeover; otherwise
    /// throws a <see cref="ClusterException"/> with the report, having changed nothing.
    /// </summary>
    public async Task<NodeSnapshot[]> RecoverOrExplainAsync(
        IReadOnlyList<ManagedNode> nodes, IReadOnlyList<UnreachableNode> unreachable, NodeSnapshot[] reachable, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var map = ShardMap.Build(nodes, reachable);
        var lost = map.HasMembers ? await ShardLossAnalyzer.AnalyzeAsync(map, cancellationToken).ConfigureAwait(false) : [];
        var report = Report(map, lost, unreachable);
        var request = TakeoverRequest.TryParse(options.Takeover, out var parsed, out _) ? parsed : null;
        var notes = new List<string>();
        if (request is not null && map.HasMembers)
        {
            var chosen = ChooseTakeovers(request, map, lost, notes);
            if (chosen.Count > 0)
            {
                Log.ShardReport(logger, string.Join('\n', report));
                foreach (var note in notes)
                {
                    Log.TakeoverNote(logger, note);
                }

                var snapshots = await TakeOverAsync(request, chosen, reachable, cancellationToken).ConfigureAwait(false);
                var down = unreachable.Select(u => u.Node.Display).ToList();
                Log.ServingWithoutDownNodes(
                    logger,
                    elapsed.ElapsedMilliseconds,
                    string.Join(", ", down),
                    down.Count == 1 ? "is" : "are",
                    "Start each on its data folder (nodes.conf and append-only file): a master that was taken over rejoins as a replica of the node that "
                        + "took over (whose config epoch is now higher) and discards what it alone had. Then run ClusterInit again to reach Ready.",
                    ClusterReport.Render(snapshots));
                return snapshots;
            }
        }

        report.AddRange(notes);
        report.Add(map.HasMembers
            ? "ClusterInit changed nothing. Start the nodes that are down on their data folders (nodes.conf and append-only file), check that each listed "
                + "endpoint is a Redis node of this cluster (Cluster:Nodes), and run ClusterInit again."
            : "Start the missing nodes (on their data folders), check that each listed endpoint is a Redis node of this cluster "
                + "(Cluster:Nodes), and run ClusterInit again.");
        throw new ClusterException(string.Join('\n', report));
    }

    private List<string> Report(ShardMap map, IReadOnlyList<LostShard> lost, IReadOnlyList<UnreachableNode> unreachable)
    {
        var states = unreachable.Select(u => (Node: u, Entry: map.NodeFor(u.Node))).ToList();
        var lines = new List<string>
        {
            states.All(s => s.Entry?.IsDown == true)
                ? "Not every node answers PING, and every reachable node flags the missing ones as failed, so ClusterInit judged the cluster without them "
                    + "(Cluster:NodesTimeout only bounds the wait for nodes whose state is still open). Nodes that do not answer:"
                : "Not every node answered PING within Cluster:NodesTimeout, so ClusterInit judged the cluster without them. Nodes that never answered:",
        };
        lines.AddRange(states.Select(s => $"  {s.Node}{(s.Entry is { } entry ? $" [{entry.State}]" : "")}"));
        if (!map.HasMembers)
        {
            return lines;
        }

        lines.Add($"Shards, as the {map.ReachableCount.ToString(CultureInfo.InvariantCulture)} nodes that answer see them:");
        lines.Add(ShardReport.RenderTable(map));
        foreach (var shard in lost)
        {
            lines.AddRange(ShardReport.Explain(shard, map, options));
        }

        if (map.Unowned.Count > 0)
        {
            lines.Add($"Slots {SlotRange.Format(map.Unowned)} have no owner in any reachable node's view. Assign them with "
                + $"'redis-cli --cluster fix <a node that answers>' once you are sure no node holds their keys.");
        }

        return lines;
    }

    /// <summary>The named lost shards that can be taken over safely; a note for each named shard that cannot, and for slots that are not lost.</summary>
    private static List<LostShard> ChooseTakeovers(TakeoverRequest request, ShardMap map, IReadOnlyList<LostShard> lost, List<string> notes)
    {
        var chosen = new List<LostShard>();
        if (lost.Count == 0)
        {
            notes.Add($"Cluster:Takeover={request}: every shard's slots are served by a master that answers; nothing is taken over.");
            return chosen;
        }

        foreach (var shard in lost.Where(l => request.Covers(l.Shard.Slots)))
        {
            var master = shard.Shard.Master;
            if (!shard.MasterIsDown)
            {
                var connected = master.Sightings.Where(s => !s.FlagsFailed).Select(s => s.Viewer.Name).ToList();
                notes.Add($"Cluster:Takeover={request}: slots {shard.Shard.SlotText} are not taken over: {master.Display} does not answer ClusterInit, but "
                    + (connected.Count > 0 ? $"{string.Join(", ", connected)} still {(connected.Count == 1 ? "sees" : "see")} it connected" : "no node that answers flags it failed")
                    + ". It may still be serving them, and a takeover now could leave two masters for the same slots; ClusterInit takes over only a master "
                    + "the cluster flags failed.");
            }
            else if (shard.MostUpToDate is null)
            {
                notes.Add($"Cluster:Takeover={request}: slots {shard.Shard.SlotText} are not taken over: no replica of {master.Name} answers, so no reachable node holds their data.");
            }
            else
            {
                chosen.Add(shard);
            }
        }

        if (!request.All)
        {
            var lostSlots = lost.SelectMany(l => l.Shard.Slots).SelectMany(r => Enumerable.Range(r.Start, r.Count)).ToHashSet();
            var notLost = SlotRange.FromSlots(request.Slots.SelectMany(r => Enumerable.Range(r.Start, r.Count)).Where(s => !lostSlots.Contains(s)));
            if (notLost.Count > 0)
            {
                var owners = map.Shards.Where(s => s.Served && s.Slots.Any(o => notLost.Any(n => n.Start <= o.End && o.Start <= n.End))).Select(s => s.Master.Name);
                notes.Add($"Cluster:Takeover={request}: slots {SlotRange.Format(notLost)} belong to no lost shard (served by {string.Join(", ", owners.DefaultIfEmpty("no master"))}); "
                    + "nothing is taken over there.");
            }
        }

        return chosen;
    }

    private async Task<NodeSnapshot[]> TakeOverAsync(TakeoverRequest request, List<LostShard> chosen, NodeSnapshot[] reachable, CancellationToken cancellationToken)
    {
        foreach (var shard in chosen)
        {
            Log.TakingOver(logger, request.ToString(), shard.MostUpToDate!.Node.Display, Why(shard));
        }

        await Task.WhenAll(chosen.Select(shard =>
            shard.MostUpToDate!.Node.Configured!.Connection.ExecuteAsync(cancellationToken, "CLUSTER", "FAILOVER", "TAKEOVER"))).ConfigureAwait(false);
        var nodes = reachable.Select(s => s.Node).ToList();
        var snapshots = reachable;
        await Poller.UntilAsync(
            "every slot to be served again by the nodes that answer after the takeover (cluster_state:ok everywhere, one slot map, replicas' links up) "
                + "(Cluster:ReadyTimeout)",
            options.ReadyTimeout,
            options.PollInterval,
            async ct =>
            {
                snapshots = await NodeInspector.InspectAllAsync(nodes, ct).ConfigureAwait(false);
                var problems = ServingEvaluator.Evaluate(snapshots);
                return problems.Count == 0 ? null : string.Join("; ", problems);
            },
            cancellationToken).ConfigureAwait(false);
        return snapshots;
    }

    private static string Why(LostShard shard)
    {
        var best = shard.MostUpToDate!;
        var master = shard.Shard.Master;
        var others = shard.Survivors.Where(s => s != best).Select(s => $"{s.Node.Name}: offset {s.Offset.ToString(CultureInfo.InvariantCulture)}, {s.KeyCount.ToString(CultureInfo.InvariantCulture)} keys").ToList();
        var redis = shard.RedisWillPromote
            ? "a person asked for it although Redis may still promote a replica by itself"
            : $"Redis will not promote a replica by itself: {best.Outlook.Reason}";
        return $"slots {shard.Shard.SlotText} are uncovered; their master {master.Display} is down (every reachable node flags it failed); {redis}; "
            + $"{best.Node.Name} is the most up-to-date surviving replica (replication offset {best.Offset.ToString(CultureInfo.InvariantCulture)}, "
            + $"{best.KeyCount.ToString(CultureInfo.InvariantCulture)} keys{(others.Count > 0 ? "; " + string.Join("; ", others) : "")}). "
            + $"Writes {master.Name} accepted after the last one {best.Node.Name} received are lost; if {master.Name} comes back, it rejoins as a replica of {best.Node.Name}.";
    }
}

using System.Globalization;
using System.Text;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;
using RedisAspire.ClusterInit.Options;

namespace RedisAspire.ClusterInit.Recovery;

/// <summary>
/// What a person reads when nodes are down: per shard its slots, whether they are served, its master and replicas,
/// which answer, each reachable node's key count and replication offset; then, per lost shard, why Redis does not
/// recover it and what a person can do, with the exact command and what it would lose.
/// </summary>
public static class ShardReport
{
    public static string RenderTable(ShardMap map)
    {
        List<string[]> rows = [["SLOTS", "SERVED", "NODE", "ENDPOINT", "ROLE", "STATE", "KEYS", "OFFSET"]];
        foreach (var shard in map.Shards)
        {
            rows.Add(Row(shard.SlotText, shard.Served ? "yes" : "NO", shard.Master, "master"));
            rows.AddRange(shard.Replicas.Select(r => Row("", "", r, "replica")));
        }

        if (map.Unowned.Count > 0)
        {
            rows.Add([SlotRange.Format(map.Unowned), "NO", "-", "-", "-", "no reachable node assigns these slots", "-", "-"]);
        }

        rows.AddRange(map.Others.Select(n => Row("-", "", n, n.Snapshot?.Myself switch
        {
            null => "-",
            { IsReplica: true } => "replica",
            _ => "master",
        })));
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            builder.AppendLine("  " + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>One paragraph per lost shard: what is lost, what survives, why Redis does not recover it, and what a person can do.</summary>
    public static IReadOnlyList<string> Explain(LostShard lost, ShardMap map, ClusterOptions options)
    {
        var shard = lost.Shard;
        var master = shard.Master;
        var slots = shard.SlotText;
        if (lost.Survivors.Count == 0)
        {
            var replicas = shard.Replicas.Count switch
            {
                0 => "and it has no replica",
                1 => $"and its replica {shard.Replicas[0].Display} does not answer either",
                _ => $"and its replicas {string.Join(", ", shard.Replicas.Select(r => r.Display))} do not answer either",
            };
            return
            [
                $"Slots {slots} are uncovered and have no copy anywhere reachable: their master {master.Display} {Absence(master)}, {replicas}.",
                $"  Restart {master.Name} (or, failing that, one of its replicas) on its data folder (nodes.conf and append-only file) and run ClusterInit again: "
                    + $"{master.Name} has every write it acknowledged. ClusterInit does not reassign these slots, because those nodes may come back with their keys. "
                    + $"Only if every copy is lost for good, 'redis-cli --cluster fix {AnsweringEndpoint(map)}' assigns them again, empty.",
            ];
        }

        var best = lost.MostUpToDate!;
        var lines = new List<string>();
        var survivors = string.Join(", ", lost.Survivors.Select(s => $"{s.Node.Display} with {Plural(s.KeyCount, "key")} at replication offset {s.Offset.ToString(CultureInfo.InvariantCulture)}"));
        if (lost.RedisWillPromote)
        {
            var promoting = lost.Survivors.First(s => s.Outlook.RedisWillPromote);
            lines.Add($"Slots {slots} are uncovered: their master {master.Display} {Absence(master)}. Surviving: {survivors}.");
            lines.Add($"  Redis is expected to promote {promoting.Node.Name} by itself: {promoting.Outlook.Reason}. Run ClusterInit again once it has.");
            return lines;
        }

        var refusals = lost.Survivors.Select(s => lost.Survivors.Count == 1 ? s.Outlook.Reason : $"{s.Node.Name}: {s.Outlook.Reason}");
        lines.Add($"Slots {slots} are uncovered: their master {master.Display} {Absence(master)}, and Redis will not promote "
            + $"{(lost.Survivors.Count == 1 ? "its replica" : "any of its replicas")} by itself. Surviving: {survivors}. Why not: {string.Join("; ", refusals)}.");
        if (lost.Survivors.Count > 1)
        {
            var others = string.Join(", ", lost.Survivors.Where(s => s != best).Select(s => $"{s.Node.Name} {s.Offset.ToString(CultureInfo.InvariantCulture)}"));
            lines.Add($"  Most up to date: {best.Node.Name}, replication offset {best.Offset.ToString(CultureInfo.InvariantCulture)} (others: {others})"
                + (lost.Survivors.All(s => s.Offset == best.Offset) ? $"; the offsets are equal, so the one with the most keys ({best.KeyCount.ToString(CultureInfo.InvariantCulture)})." : "."));
        }

        lines.Add($"  Best: restart {master.Name} on its data folder (nodes.conf and append-only file) and run ClusterInit again; the shard comes back with every write {master.Name} acknowledged.");
        lines.Add($"  If {master.Name}'s data is lost for good, promote the replica that holds the shard's data: CLUSTER FAILOVER TAKEOVER on {best.Node.Name} "
            + $"({RedisCli(best.Node.Configured!, options)} cluster failover takeover), or run ClusterInit once with --Cluster:Takeover={slots} "
            + $"(environment Cluster__Takeover={slots}), which does exactly that and waits until every slot is served.");
        lines.Add($"  What a takeover loses: every write {master.Name} accepted after the last one {best.Node.Name} received{LossDetail(best)}. "
            + $"If {master.Name} comes back afterwards, it rejoins as a replica of {best.Node.Name} (whose config epoch the takeover raises above its own) and discards those writes.");
        lines.Add($"  ClusterInit never takes over by itself: if {master.Name} is only cut off rather than down, clients that still reach it keep writing to it "
            + "until it learns of the takeover, and those writes are lost (split brain).");
        return lines;
    }

    /// <summary><c>redis-cli -h … -p …</c> with the options a person needs to reach the node as ClusterInit does (never the password).</summary>
    public static string RedisCli(ManagedNode node, ClusterOptions options)
    {
        var command = new StringBuilder($"redis-cli -h {node.Endpoint.Host} -p {node.Endpoint.Port.ToString(CultureInfo.InvariantCulture)}");
        if (options.Tls)
        {
            command.Append(" --tls");
            if (!string.IsNullOrEmpty(options.TlsCaFile))
            {
                command.Append(" --cacert ").Append(options.TlsCaFile);
            }
        }

        if (!string.IsNullOrEmpty(options.User))
        {
            command.Append(" --user ").Append(options.User);
        }

        if (!string.IsNullOrEmpty(options.Password))
        {
            command.Append(" --askpass");
        }

        return command.ToString();
    }

    private static string LossDetail(SurvivingReplica best) => best.Offset > 0
        ? $" (its replication offset is {best.Offset.ToString(CultureInfo.InvariantCulture)}; the master's offset at its end is unknown while it is down)"
        : $" ({best.Node.Name} reports replication offset 0: a replica restarted from its append-only file does not keep its offset, so how far behind it is "
            + $"cannot be measured; it holds {Plural(best.KeyCount, "key")})";

    private static string Absence(ShardNode master) => master.IsDown
        ? "is down (it does not answer and every reachable node flags it failed)"
        : master.IsReachable
            ? "answers but does not own them"
            : $"does not answer ({master.State})";

    private static string[] Row(string slots, string served, ShardNode node, string role) =>
    [
        slots, served, node.Name, node.Endpoint?.ToString() ?? "-", role, node.State,
        node.KeyCount?.ToString(CultureInfo.InvariantCulture) ?? "-", node.Offset?.ToString(CultureInfo.InvariantCulture) ?? "-",
    ];

    private static string AnsweringEndpoint(ShardMap map) =>
        map.Shards.Where(s => s.Served).Select(s => s.Master.Endpoint?.ToString()).FirstOrDefault() ?? "<a node that answers>";

    private static string Plural(long count, string noun) => $"{count.ToString(CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";
}

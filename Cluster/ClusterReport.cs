using System.Text;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Cluster;

/// <summary>Renders the final table: node, endpoint, role, slot ranges, master.</summary>
public static class ClusterReport
{
    public static string Render(IReadOnlyList<NodeSnapshot> snapshots)
    {
        var nameById = snapshots.Where(s => s.Id is not null).ToDictionary(s => s.Id!, s => s.Node.Name, StringComparer.Ordinal);
        List<string[]> rows = [["NODE", "ENDPOINT", "ROLE", "SLOTS", "MASTER"]];
        foreach (var snapshot in snapshots)
        {
            var myself = snapshot.Myself;
            var role = myself is null ? "?" : myself.IsReplica ? "replica" : "master";
            var master = myself?.MasterId is { } id ? nameById.GetValueOrDefault(id, id) : "-";
            var slots = myself is null ? "-" : SlotRange.Format(myself.Slots);
            rows.Add([snapshot.Node.Name, snapshot.Node.Endpoint.ToString(), role, slots, master]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            builder.AppendLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }

        return builder.ToString().TrimEnd();
    }
}

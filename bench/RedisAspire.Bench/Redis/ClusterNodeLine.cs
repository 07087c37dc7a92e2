using System.Globalization;

namespace RedisAspire.Bench.Redis;

/// <summary>One line of <c>CLUSTER NODES</c>: id, address, flags, master id and the slots it serves.</summary>
public sealed record ClusterNodeLine(
    string Id, string Address, IReadOnlySet<string> Flags, string MasterId, IReadOnlyList<(int First, int Last)> Slots, bool HasOpenSlots)
{
    public bool IsMaster => Flags.Contains("master");

    public bool IsReplica => Flags.Contains("slave");

    /// <summary>Flagged failed, possibly failed, in handshake or without address.</summary>
    public bool IsUnhealthy => Flags.Contains("fail") || Flags.Contains("fail?") || Flags.Contains("handshake") || Flags.Contains("noaddr");

    public static IReadOnlyList<ClusterNodeLine> ParseAll(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];

    private static ClusterNodeLine Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 8)
        {
            throw new FormatException($"CLUSTER NODES line has {fields.Length} fields: '{line}'");
        }

        var address = fields[1].Split('@')[0];
        var slots = new List<(int, int)>();
        var open = false;
        foreach (var slot in fields.Skip(8))
        {
            if (slot.StartsWith('['))
            {
                open = true;
                continue;
            }

            var dash = slot.IndexOf('-', StringComparison.Ordinal);
            slots.Add(dash < 0
                ? (int.Parse(slot, CultureInfo.InvariantCulture), int.Parse(slot, CultureInfo.InvariantCulture))
                : (int.Parse(slot[..dash], CultureInfo.InvariantCulture), int.Parse(slot[(dash + 1)..], CultureInfo.InvariantCulture)));
        }

        return new ClusterNodeLine(fields[0], address, fields[2].Split(',').ToHashSet(), fields[3], slots, open);
    }
}

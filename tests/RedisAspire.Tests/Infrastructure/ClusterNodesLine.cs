using System.Globalization;

namespace RedisAspire.Tests.Infrastructure;

/// <summary>
/// One line of <c>CLUSTER NODES</c>, parsed by the tests themselves:
/// <c>id ip:port@bus[,hostname] flags master ping pong epoch link slot…</c>.
/// </summary>
public sealed record ClusterNodesLine(
    string Id,
    string Host,
    int Port,
    int BusPort,
    IReadOnlySet<string> Flags,
    string? MasterId,
    string LinkState,
    IReadOnlyList<(int Start, int End)> Slots,
    IReadOnlyList<string> OpenSlots)
{
    public bool IsMyself => Flags.Contains("myself");

    public bool IsMaster => Flags.Contains("master");

    public bool IsReplica => Flags.Contains("slave");

    public int SlotCount => Slots.Sum(range => range.End - range.Start + 1);

    public string Endpoint => $"{Host}:{Port}";

    /// <summary>Parses a whole <c>CLUSTER NODES</c> reply.</summary>
    public static IReadOnlyList<ClusterNodesLine> ParseAll(string clusterNodes) =>
        [.. clusterNodes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];

    /// <summary>Parses one <c>CLUSTER NODES</c> line.</summary>
    public static ClusterNodesLine Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 8)
        {
            throw new FormatException($"CLUSTER NODES line has {fields.Length} fields, expected at least 8: {line}");
        }

        var address = fields[1].Split(',')[0];
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var hostPort = at >= 0 ? address[..at] : address;
        var colon = hostPort.LastIndexOf(':');
        var slots = new List<(int, int)>();
        var open = new List<string>();
        foreach (var slot in fields[8..])
        {
            if (slot.StartsWith('['))
            {
                open.Add(slot);
                continue;
            }

            var dash = slot.IndexOf('-', StringComparison.Ordinal);
            var start = int.Parse(dash >= 0 ? slot[..dash] : slot, CultureInfo.InvariantCulture);
            var end = dash >= 0 ? int.Parse(slot[(dash + 1)..], CultureInfo.InvariantCulture) : start;
            slots.Add((start, end));
        }

        return new ClusterNodesLine(
            Id: fields[0],
            Host: hostPort[..colon].Trim('[', ']'),
            Port: int.Parse(hostPort[(colon + 1)..], CultureInfo.InvariantCulture),
            BusPort: at >= 0 ? int.Parse(address[(at + 1)..], CultureInfo.InvariantCulture) : 0,
            Flags: fields[2].Split(',').ToHashSet(StringComparer.Ordinal),
            MasterId: fields[3] == "-" ? null : fields[3],
            LinkState: fields[7],
            Slots: slots,
            OpenSlots: open);
    }
}

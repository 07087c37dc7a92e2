using System.Globalization;
using System.Net;

namespace RedisAspire.SampleApi.Redis;

/// <summary>One line of CLUSTER NODES: endpoint, flags and slot ranges.</summary>
public sealed record ClusterNodeLine(string EndPoint, IReadOnlyList<string> Flags, IReadOnlyList<(int Start, int End)> Slots)
{
    /// <summary>Flagged <c>fail</c>, <c>fail?</c> or <c>noaddr</c> by the node that answered.</summary>
    public bool IsFailing => Flags.Contains("fail") || Flags.Contains("fail?") || Flags.Contains("noaddr");

    /// <summary>A master not flagged as failing.</summary>
    public bool IsHealthyMaster => Flags.Contains("master") && !IsFailing;

    /// <summary>Whether one of its slot ranges holds <paramref name="slot"/>.</summary>
    public bool Serves(int slot) => Slots.Any(r => r.Start <= slot && slot <= r.End);

    /// <summary>Parses a CLUSTER NODES reply; lines too short to be node lines are skipped.</summary>
    public static IReadOnlyList<ClusterNodeLine> ParseAll(string clusterNodes)
    {
        var nodes = new List<ClusterNodeLine>();
        foreach (var line in clusterNodes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ');
            if (fields.Length < 8)
            {
                continue;
            }

            // ip:port@bus[,hostname]; clients use ip:port.
            var address = fields[1].Split('@')[0];
            var slots = new List<(int, int)>();
            foreach (var range in fields.Skip(8).Where(f => !f.StartsWith('[')))
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                if (dash < 0 && int.TryParse(range, CultureInfo.InvariantCulture, out var single))
                {
                    slots.Add((single, single));
                }
                else if (dash > 0 && int.TryParse(range[..dash], CultureInfo.InvariantCulture, out var start) && int.TryParse(range[(dash + 1)..], CultureInfo.InvariantCulture, out var end))
                {
                    slots.Add((start, end));
                }
            }

            nodes.Add(new ClusterNodeLine(Normalize(address), fields[2].Split(','), slots));
        }

        return nodes;
    }

    // The way StackExchange.Redis prints an IPEndPoint, so both views compare as text.
    private static string Normalize(string address) =>
        IPEndPoint.TryParse(address, out var endPoint) ? endPoint.ToString() : address;
}

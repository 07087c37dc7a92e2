using RedisAspire.Cluster.Topology;

namespace RedisAspire.Cluster.NodesConf;

/// <summary>
/// A parsed nodes.conf: its lines kept verbatim except the address field of the nodes whose
/// address is rewritten. Every node line is validated positionally first; a file that does
/// not parse is never written.
/// </summary>
public sealed class NodesConfFile
{
    private readonly List<string> _lines;
    private readonly List<(int Line, ClusterNodeEntry Entry)> _nodes;

    private NodesConfFile(List<string> lines, List<(int, ClusterNodeEntry)> nodes, ClusterNodeEntry myself)
    {
        _lines = lines;
        _nodes = nodes;
        Myself = myself;
    }

    public ClusterNodeEntry Myself { get; }

    public IEnumerable<ClusterNodeEntry> Nodes => _nodes.Select(n => n.Entry);

    /// <summary>Parses nodes.conf text; throws <see cref="ClusterNodesFormatException"/> for anything that is not Redis' format.</summary>
    public static NodesConfFile Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var nodes = new List<(int, ClusterNodeEntry)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.StartsWith("vars ", StringComparison.Ordinal) || line.Length == 0)
            {
                continue;
            }

            nodes.Add((i, ClusterNodesParser.ParseLine(line, i + 1)));
        }

        var myself = nodes.Where(n => n.Item2.IsMyself).Select(n => n.Item2).ToList();
        if (myself.Count != 1)
        {
            throw new ClusterNodesFormatException(0, $"expected exactly one 'myself' node line, found {myself.Count}.");
        }

        return new NodesConfFile(lines, nodes, myself[0]);
    }

    /// <summary>Sets the address of the node with <paramref name="id"/>; returns false when it already had it.</summary>
    public bool SetAddress(string id, ClusterAddress address)
    {
        var index = _nodes.FindIndex(n => n.Entry.Id == id);
        if (index < 0)
        {
            return false;
        }

        var (line, entry) = _nodes[index];
        var fields = _lines[line].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var extra = entry.AddressExtra is null ? "" : "," + entry.AddressExtra;
        var addressField = address.ToNodesConfField() + extra;
        var flags = string.Join(',', fields[2].Split(',').Where(f => f != "noaddr"));
        if (fields[1] == addressField && flags == fields[2])
        {
            return false;
        }

        fields[1] = addressField;
        fields[2] = flags;
        _lines[line] = string.Join(' ', fields);
        _nodes[index] = (line, ClusterNodesParser.ParseLine(_lines[line], line + 1));
        return true;
    }

    public string ToText() => string.Join('\n', _lines) + "\n";
}

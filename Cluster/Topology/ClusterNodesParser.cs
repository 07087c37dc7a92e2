using System.Globalization;

namespace RedisAspire.Cluster.Topology;

/// <summary>
/// Parses the <c>CLUSTER NODES</c> reply, which is also the format of nodes.conf.
/// Fields are read positionally; anything unexpected raises <see cref="ClusterNodesFormatException"/>.
/// </summary>
public static class ClusterNodesParser
{
    private const int FixedFields = 8;

    /// <summary>Parses every node line; <c>vars</c> lines (nodes.conf only) and blank lines are skipped.</summary>
    public static IReadOnlyList<ClusterNodeEntry> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<ClusterNodeEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith("vars ", StringComparison.Ordinal))
            {
                continue;
            }

            entries.Add(ParseLine(line, i + 1));
        }

        return entries;
    }

    public static ClusterNodeEntry ParseLine(string line, int lineNumber)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < FixedFields)
        {
            throw new ClusterNodesFormatException(lineNumber, $"expected at least {FixedFields} fields, found {fields.Length}.");
        }

        var id = fields[0];
        if (!IsNodeId(id))
        {
            throw new ClusterNodesFormatException(lineNumber, $"node ID '{Shorten(id)}' is not 40 lowercase hex characters.");
        }

        var (endpoint, port, busPort, extra) = ParseAddress(fields[1], lineNumber);
        var flags = fields[2].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (flags.Count == 0)
        {
            throw new ClusterNodesFormatException(lineNumber, "flags field is empty.");
        }

        var masterId = fields[3] == "-" ? null : fields[3];
        if (masterId is not null && !IsNodeId(masterId))
        {
            throw new ClusterNodesFormatException(lineNumber, $"master ID '{Shorten(masterId)}' is not a node ID or '-'.");
        }

        var link = fields[7];
        if (link is not ("connected" or "disconnected"))
        {
            throw new ClusterNodesFormatException(lineNumber, $"link state '{Shorten(link)}' is neither connected nor disconnected.");
        }

        var slots = new List<SlotRange>();
        var migrating = new Dictionary<int, string>();
        var importing = new Dictionary<int, string>();
        foreach (var field in fields.Skip(FixedFields))
        {
            ParseSlotField(field, lineNumber, slots, migrating, importing);
        }

        return new ClusterNodeEntry
        {
            Id = id,
            Endpoint = endpoint,
            Port = port,
            BusPort = busPort,
            AddressExtra = extra,
            Flags = flags,
            MasterId = masterId,
            PingSent = ParseLong(fields[4], "ping-sent", lineNumber),
            PongReceived = ParseLong(fields[5], "pong-recv", lineNumber),
            ConfigEpoch = ParseLong(fields[6], "config-epoch", lineNumber),
            LinkConnected = link == "connected",
            Slots = slots,
            Migrating = migrating,
            Importing = importing,
        };
    }

    /// <summary>Parses <c>ip:port@cport[,hostname[,aux…]]</c>; the host may be empty, IPv6 is not bracketed.</summary>
    private static (NodeEndpoint? Endpoint, int Port, int BusPort, string? Extra) ParseAddress(string field, int lineNumber)
    {
        var comma = field.IndexOf(',', StringComparison.Ordinal);
        var extra = comma >= 0 ? field[(comma + 1)..] : null;
        var address = comma >= 0 ? field[..comma] : field;
        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            throw new ClusterNodesFormatException(lineNumber, $"address '{Shorten(field)}' has no '@' before the bus port.");
        }

        var busPort = ParsePort(address[(at + 1)..], "bus port", lineNumber);
        var hostPort = address[..at];
        var colon = hostPort.LastIndexOf(':');
        if (colon < 0)
        {
            throw new ClusterNodesFormatException(lineNumber, $"address '{Shorten(field)}' has no ':' before the port.");
        }

        var host = hostPort[..colon];
        var port = ParsePort(hostPort[(colon + 1)..], "port", lineNumber);
        NodeEndpoint? endpoint = host.Length == 0 || port == 0 ? null : new NodeEndpoint(host, port);
        return (endpoint, port, busPort, extra);
    }

    private static void ParseSlotField(
        string field, int lineNumber, List<SlotRange> slots, Dictionary<int, string> migrating, Dictionary<int, string> importing)
    {
        if (field.StartsWith('['))
        {
            if (!field.EndsWith(']'))
            {
                throw new ClusterNodesFormatException(lineNumber, $"slot state '{Shorten(field)}' is not closed by ']'.");
            }

            var body = field[1..^1];
            var migratingAt = body.IndexOf("->-", StringComparison.Ordinal);
            var importingAt = body.IndexOf("-<-", StringComparison.Ordinal);
            var at = migratingAt >= 0 ? migratingAt : importingAt;
            if (at < 0)
            {
                throw new ClusterNodesFormatException(lineNumber, $"slot state '{Shorten(field)}' is neither migrating nor importing.");
            }

            var slot = ParseSlot(body[..at], lineNumber);
            var peer = body[(at + 3)..];
            if (!IsNodeId(peer))
            {
                throw new ClusterNodesFormatException(lineNumber, $"slot state '{Shorten(field)}' does not name a node ID.");
            }

            (migratingAt >= 0 ? migrating : importing)[slot] = peer;
            return;
        }

        var dash = field.IndexOf('-', StringComparison.Ordinal);
        var start = ParseSlot(dash < 0 ? field : field[..dash], lineNumber);
        var end = dash < 0 ? start : ParseSlot(field[(dash + 1)..], lineNumber);
        if (end < start)
        {
            throw new ClusterNodesFormatException(lineNumber, $"slot range '{Shorten(field)}' ends before it starts.");
        }

        slots.Add(new SlotRange(start, end));
    }

    private static int ParseSlot(string text, int lineNumber)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var slot) || slot >= SlotRange.SlotCount)
        {
            throw new ClusterNodesFormatException(lineNumber, $"'{Shorten(text)}' is not a hash slot (0..16383).");
        }

        return slot;
    }

    private static int ParsePort(string text, string what, int lineNumber)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ClusterNodesFormatException(lineNumber, $"{what} '{Shorten(text)}' is not 0..65535.");
        }

        return port;
    }

    private static long ParseLong(string text, string what, int lineNumber)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new ClusterNodesFormatException(lineNumber, $"{what} '{Shorten(text)}' is not a non-negative integer.");
        }

        return value;
    }

    private static bool IsNodeId(string text) => text.Length == 40 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static string Shorten(string text) => text.Length > 48 ? text[..48] + "…" : text;
}

using System.Globalization;

namespace RedisAspire.Bench.Processes;

/// <summary>
/// Finds the process listening on a TCP port from <c>/proc</c> alone: the socket's inode from the LISTEN entry of
/// <c>/proc/net/tcp</c> (or <c>tcp6</c>), then the process holding <c>socket:[inode]</c> among its open files.
/// </summary>
public static class ListeningProcess
{
    private const string ListenState = "0A";

    /// <summary>
    /// The pid listening on <paramref name="port"/>, or <see langword="null"/> with what was seen. A forked child (a
    /// <c>redis-server</c> rewriting its AOF) holds the same socket: the holder whose parent holds none is returned.
    /// </summary>
    public static (int? Pid, string Seen) Find(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == ListenState
                    && int.Parse(fields[1][(fields[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    inodes.Add(fields[9]);
                }
            }
        }

        if (inodes.Count == 0)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"no LISTEN socket on port {port} in /proc/net/tcp or tcp6"));
        }

        var links = inodes.Select(i => $"socket:[{i}]").ToHashSet(StringComparer.Ordinal);
        var holders = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(directory, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && links.Contains(target))
                    {
                        holders.Add(pid);
                        break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to read.
            }
        }

        var parents = holders.ToDictionary(h => h, h => ProcessTable.Entry(h)?.ParentId ?? 0);
        var roots = holders.Where(h => !holders.Contains(parents[h])).ToList();
        if (roots.Count == 1)
        {
            return (roots[0], "found");
        }

        if (roots.Count > 1)
        {
            return (null, $"{roots.Count} unrelated processes hold the LISTEN socket on port {port.ToString(CultureInfo.InvariantCulture)}: {string.Join(", ", roots)}");
        }

        return (null, $"LISTEN socket inode(s) {string.Join(", ", inodes)} on port {port.ToString(CultureInfo.InvariantCulture)} held by no readable process");
    }
}

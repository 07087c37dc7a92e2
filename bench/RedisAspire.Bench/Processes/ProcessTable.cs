using System.Globalization;

namespace RedisAspire.Bench.Processes;

/// <summary>A snapshot of every process in <c>/proc</c> (stat only: cheap enough to take every 20 ms).</summary>
public static class ProcessTable
{
    /// <summary>Every process that could be read, by pid.</summary>
    public static Dictionary<int, ProcEntry> Read()
    {
        var table = new Dictionary<int, ProcEntry>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Entry(pid) is { } entry)
            {
                table[pid] = entry;
            }
        }

        return table;
    }

    /// <summary>One process' stat, or <see langword="null"/> when it is gone.</summary>
    public static ProcEntry? Entry(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            // After the parenthesised name: field 3 (state), 4 (ppid), … 22 (starttime) is rest[19].
            var rest = stat[(close + 2)..].Split(' ');
            return new ProcEntry(
                pid,
                int.Parse(rest[1], CultureInfo.InvariantCulture),
                stat[(open + 1)..close],
                rest[0][0],
                long.Parse(rest[19], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The pids of <paramref name="roots"/> and of all their descendants in <paramref name="table"/>.</summary>
    public static HashSet<int> WithDescendants(IReadOnlyDictionary<int, ProcEntry> table, IEnumerable<int> roots)
    {
        ArgumentNullException.ThrowIfNull(table);
        var children = table.Values.ToLookup(e => e.ParentId, e => e.Id);
        var found = new HashSet<int>();
        var frontier = new Queue<int>(roots.Where(table.ContainsKey));
        while (frontier.TryDequeue(out var pid))
        {
            if (found.Add(pid))
            {
                foreach (var child in children[pid])
                {
                    frontier.Enqueue(child);
                }
            }
        }

        return found;
    }
}

using System.Globalization;

namespace RedisAspire.Bench.Processes;

/// <summary>Reads process facts from Linux' /proc: peak resident memory, command line, descendants.</summary>
public static class ProcessMemory
{
    /// <summary><c>VmHWM</c> (peak resident set) in KiB, or <see langword="null"/> when the process is gone.</summary>
    public static long? PeakRssKib(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var value = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(value, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>The process' arguments joined by spaces, or empty when it is gone.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>
    /// The process' start time in clock ticks since boot (field 22 of /proc/&lt;pid&gt;/stat), or <see langword="null"/>
    /// when it is gone. Together with the pid it identifies one process even after the pid is reused.
    /// </summary>
    public static long? StartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // rest[0] is field 3 (state), so field 22 is rest[19].
            return long.Parse(rest[19], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether the process identified by <paramref name="pid"/> and <paramref name="startTicks"/> still runs.</summary>
    public static bool IsSameProcessAlive(int pid, long startTicks) => StartTicks(pid) == startTicks;

    /// <summary>Every living descendant of <paramref name="pid"/> (children, grandchildren, …).</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // Fields after the parenthesised command name: state, ppid, …
                var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[child] = int.Parse(rest[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([pid]);
        while (frontier.Count > 0)
        {
            var parent = frontier.Dequeue();
            foreach (var (child, ppid) in parents)
            {
                if (ppid == parent)
                {
                    found.Add(child);
                    frontier.Enqueue(child);
                }
            }
        }

        return found;
    }
}

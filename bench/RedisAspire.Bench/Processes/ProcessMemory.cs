using System.Globalization;

namespace RedisAspire.Bench.Processes;

/// <summary>Reads process facts from Linux' /proc: resident memory, command line, signal dispositions.</summary>
public static class ProcessMemory
{
    /// <summary><c>VmHWM</c> (peak resident set) in KiB, or <see langword="null"/> when the process is gone.</summary>
    public static long? PeakRssKib(int pid) => Status(pid).PeakKib;

    /// <summary>
    /// <c>VmHWM</c> (peak resident set since the last exec) and <c>VmRSS</c> (resident set now) in KiB, read together;
    /// both <see langword="null"/> when the process is gone (or, for a zombie, has no memory any more).
    /// </summary>
    public static (long? PeakKib, long? CurrentKib) Status(int pid)
    {
        long? peak = null, current = null;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Id(pid)}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kib(line);
                }
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    current = Kib(line);
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return (peak, current);
    }

    /// <summary>
    /// Private pages (<c>Private_Clean + Private_Dirty</c> of <c>smaps_rollup</c>, the USS) in KiB: what the process
    /// alone holds, without the pages it shares with others (e.g. an executable's text mapped by several processes).
    /// </summary>
    public static long? PrivateKib(int pid)
    {
        try
        {
            long total = 0;
            foreach (var line in File.ReadLines($"/proc/{Id(pid)}/smaps_rollup"))
            {
                if (line.StartsWith("Private_Clean:", StringComparison.Ordinal) || line.StartsWith("Private_Dirty:", StringComparison.Ordinal))
                {
                    total += Kib(line);
                }
            }

            return total;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The process' arguments joined by spaces, or empty when it is gone.</summary>
    public static string CommandLine(int pid) => string.Join(' ', Arguments(pid));

    /// <summary>The process' arguments (<c>/proc/&lt;pid&gt;/cmdline</c>), or none when it is gone.</summary>
    public static IReadOnlyList<string> Arguments(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{Id(pid)}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// Whether the process ignores <paramref name="signal"/> (its bit in <c>SigIgn</c>), as a process started in the
    /// background of a shell without job control ignores SIGINT; <see langword="null"/> when it is gone.
    /// </summary>
    public static bool? IgnoresSignal(int pid, int signal)
    {
        try
        {
            var line = File.ReadLines($"/proc/{Id(pid)}/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            return line is null
                ? null
                : (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (signal - 1))) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The process' start time in clock ticks since boot (field 22 of /proc/&lt;pid&gt;/stat), or <see langword="null"/>
    /// when it is gone. Together with the pid it identifies one process even after the pid is reused.
    /// </summary>
    public static long? StartTicks(int pid) => ProcessTable.Entry(pid)?.StartTicks;

    /// <summary>Whether the process identified by <paramref name="pid"/> and <paramref name="startTicks"/> still runs (a zombie does not).</summary>
    public static bool IsSameProcessAlive(int pid, long startTicks) =>
        ProcessTable.Entry(pid) is { IsGone: false } entry && entry.StartTicks == startTicks;

    private static string Id(int pid) => pid.ToString(CultureInfo.InvariantCulture);

    private static long Kib(string line) =>
        long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}

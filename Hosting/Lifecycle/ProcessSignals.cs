using System.Globalization;
using System.Runtime.InteropServices;

namespace RedisAspire.Hosting.Lifecycle;

/// <summary>SIGTERM and liveness for the AppHost's own node and client processes (Unix).</summary>
internal static partial class ProcessSignals
{
    private const int SigTerm = 15;

    /// <summary>Asks <paramref name="pid"/> to stop: Redis writes its AOF and exits, .NET hosts run their shutdown.</summary>
    public static bool Terminate(int pid) => !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    /// <summary>True while <paramref name="pid"/> runs; a zombie (exited, not yet reaped) no longer holds ports or files.</summary>
    public static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsWindows() || Kill(pid, 0) != 0)
        {
            return false;
        }

        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The processes <paramref name="pid"/> started, directly or not (Linux; elsewhere none): what actually runs when
    /// <paramref name="pid"/> is a launcher such as <c>dotnet run</c>, which may outlive its application.
    /// </summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var parents = new Dictionary<int, int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var child) && ParentOf(child) is { } parent)
            {
                parents[child] = parent;
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var next))
        {
            foreach (var child in parents.Where(p => p.Value == next).Select(p => p.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

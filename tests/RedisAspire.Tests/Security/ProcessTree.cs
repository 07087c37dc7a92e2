using System.Globalization;
using System.Text;

namespace RedisAspire.Tests.Security;

/// <summary>Reads a process and all its descendants from <c>/proc</c> (Linux), with their command lines.</summary>
public static class ProcessTree
{
    /// <summary>
    /// Adds <paramref name="rootPid"/> and every live descendant to <paramref name="commandLines"/> (pid → command line
    /// with NULs as spaces; every distinct version seen, one per line). Call it repeatedly while an application runs to
    /// also catch children that exit early.
    /// </summary>
    public static void Collect(int rootPid, IDictionary<int, string> commandLines)
    {
        var pending = new Stack<int>([rootPid]);
        var seen = new HashSet<int>();
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            if (!seen.Add(pid))
            {
                continue;
            }

            if (Read($"/proc/{pid}/cmdline") is { Length: > 0 } raw)
            {
                // A process may rewrite its command line (redis-server sets its title after start): keep every version seen.
                var commandLine = raw.Replace('\0', ' ').Trim();
                if (!commandLines.TryGetValue(pid, out var known))
                {
                    commandLines[pid] = commandLine;
                }
                else if (!known.Split('\n').Contains(commandLine))
                {
                    commandLines[pid] = known + "\n" + commandLine;
                }
            }

            foreach (var child in Children(pid))
            {
                pending.Push(child);
            }
        }
    }

    /// <summary>
    /// Like <see cref="Collect"/> for an Aspire AppHost: its own tree and the tree of its orchestrator, DCP, which runs in a
    /// session of its own (the nodes, cluster-init and sample-api are DCP's children, not the AppHost's) and is found by
    /// its <c>--monitor &lt;AppHost pid&gt;</c> argument. Returns DCP's session folders (<c>--kubeconfig</c>'s folder).
    /// </summary>
    public static IReadOnlyList<string> CollectWithOrchestrator(int appHostPid, IDictionary<int, string> commandLines)
    {
        Collect(appHostPid, commandLines);
        var folders = new List<string>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || Read($"/proc/{pid}/cmdline") is not { Length: > 0 } raw)
            {
                continue;
            }

            var arguments = raw.Split('\0');
            var monitor = Array.IndexOf(arguments, "--monitor");
            if (Path.GetFileName(arguments[0]) == "dcp" && monitor > 0 && monitor + 1 < arguments.Length
                && arguments[monitor + 1] == appHostPid.ToString(CultureInfo.InvariantCulture))
            {
                Collect(pid, commandLines);
                var kubeconfig = Array.IndexOf(arguments, "--kubeconfig");
                if (kubeconfig > 0 && kubeconfig + 1 < arguments.Length && Path.GetDirectoryName(arguments[kubeconfig + 1]) is { } folder)
                {
                    folders.Add(folder);
                }
            }
        }

        return [.. folders.Distinct()];
    }

    /// <summary>The direct children of <paramref name="pid"/> (all its threads' children); empty when it is gone.</summary>
    public static IReadOnlyList<int> Children(int pid)
    {
        var children = new List<int>();
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return children;
        }

        try
        {
            foreach (var task in Directory.EnumerateDirectories(tasks))
            {
                var text = Read(Path.Combine(task, "children")) ?? "";
                children.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(id => int.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture)));
            }
        }
        catch (DirectoryNotFoundException)
        {
            // The process exited while its threads were listed.
        }

        return children;
    }

    private static string? Read(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

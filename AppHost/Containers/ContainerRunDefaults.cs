using System.Globalization;

namespace RedisAspire.AppHost.Containers;

/// <summary>
/// The <c>run</c> arguments AppHost adds for every node unless <c>Container:RunArgs</c> already sets them: ulimits
/// no higher than AppHost's own (an OCI runtime that may not raise them fails with "setrlimit … operation not
/// permitted" on the engine defaults), and, for rootful docker, the calling user so the state folder stays theirs.
/// </summary>
public static class ContainerRunDefaults
{
    /// <summary>Redis' default maxclients (10000) plus the 32 descriptors it reserves.</summary>
    public const long RedisOpenFiles = 10032;

    /// <summary>Plenty for a Redis node (a few threads and a fork for AOF rewrites).</summary>
    public const long RedisProcesses = 4096;

    /// <summary>Returns the defaults followed by <paramref name="runArgs"/> (which win, being last, and suppress a default they set).</summary>
    /// <param name="runArgs">The split <c>Container:RunArgs</c>.</param>
    /// <param name="runtime">The runtime that will run the containers.</param>
    /// <param name="limits">AppHost's own hard limits (open files, processes); null when unknown (no default ulimit is added).</param>
    /// <param name="user">The calling user's uid and gid on Unix; null elsewhere.</param>
    public static IReadOnlyList<string> Apply(
        IReadOnlyList<string> runArgs, ContainerRuntimeInfo runtime, (long OpenFiles, long Processes)? limits, (uint Uid, uint Gid)? user)
    {
        ArgumentNullException.ThrowIfNull(runArgs);
        ArgumentNullException.ThrowIfNull(runtime);
        var arguments = new List<string>();
        if (limits is { } hard && !SetsUlimit(runArgs, "host"))
        {
            if (!SetsUlimit(runArgs, "nofile"))
            {
                arguments.AddRange(["--ulimit", Ulimit("nofile", Math.Min(RedisOpenFiles, hard.OpenFiles))]);
            }

            if (!SetsUlimit(runArgs, "nproc"))
            {
                arguments.AddRange(["--ulimit", Ulimit("nproc", Math.Min(RedisProcesses, hard.Processes))]);
            }
        }

        // Rootful docker runs the node as root: nodes.conf and the AOF would become root's. Rootless engines map
        // container root to the calling user already, and podman run by root writes as root, the caller.
        if (user is { Uid: not 0 } u && runtime.Kind == ContainerRuntimeKind.Docker && !runtime.Rootless && !Sets(runArgs, "--user", "-u"))
        {
            arguments.AddRange(["--user", string.Create(CultureInfo.InvariantCulture, $"{u.Uid}:{u.Gid}")]);
        }

        arguments.AddRange(runArgs);
        return arguments;
    }

    /// <summary>
    /// The hard "Max open files" and "Max processes" of <c>/proc/self/limits</c> text (<c>unlimited</c> as
    /// <see cref="long.MaxValue"/>); null when either is missing.
    /// </summary>
    public static (long OpenFiles, long Processes)? ParseProcLimits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        long? openFiles = null;
        long? processes = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                openFiles = HardLimit(line["Max open files".Length..]);
            }
            else if (line.StartsWith("Max processes", StringComparison.Ordinal))
            {
                processes = HardLimit(line["Max processes".Length..]);
            }
        }

        return openFiles is { } files && processes is { } procs ? (files, procs) : null;
    }

    /// <summary>AppHost's own hard limits on Linux (where the engine runs on this kernel); null elsewhere.</summary>
    public static (long OpenFiles, long Processes)? CurrentLimits() =>
        OperatingSystem.IsLinux() && File.Exists("/proc/self/limits") ? ParseProcLimits(File.ReadAllText("/proc/self/limits")) : null;

    private static long? HardLimit(string values)
    {
        var fields = values.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2)
        {
            return null;
        }

        return fields[1] == "unlimited" ? long.MaxValue
            : long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static bool SetsUlimit(IReadOnlyList<string> runArgs, string name)
    {
        for (var i = 0; i < runArgs.Count; i++)
        {
            var value = runArgs[i] == "--ulimit" && i + 1 < runArgs.Count ? runArgs[i + 1]
                : runArgs[i].StartsWith("--ulimit=", StringComparison.Ordinal) ? runArgs[i]["--ulimit=".Length..]
                : null;
            if (value is not null && (value == name || value.StartsWith(name + "=", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static string Ulimit(string name, long value) => string.Create(CultureInfo.InvariantCulture, $"{name}={value}:{value}");

    private static bool Sets(IReadOnlyList<string> runArgs, params string[] options) =>
        runArgs.Any(a => options.Any(o => a == o || a.StartsWith(o + "=", StringComparison.Ordinal)));
}

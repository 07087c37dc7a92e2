using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Microsoft.Extensions.Logging;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Hosting.Lifecycle;

/// <summary>
/// <c>redis-server</c> processes still running in this cluster's node folders when the AppHost starts: what an AppHost
/// killed with SIGKILL leaves for the moment it takes Aspire's orchestrator to notice and stop them (measured about a
/// second). The lock on the state folder proves they belong to no running AppHost, so they are replaced cleanly: first
/// given time to exit, then sent SIGTERM, on which Redis writes its AOF and exits. Never SIGKILL: no acknowledged write
/// may be lost. Linux only (it reads <c>/proc</c>); elsewhere the port check reports a busy port.
/// </summary>
internal static partial class LeftoverNodes
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task ReplaceAsync(IReadOnlyList<RedisNode> nodes, ILogger logger, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var leftovers = Find(nodes);
        if (leftovers.Count == 0)
        {
            return;
        }

        foreach (var (pid, node) in leftovers)
        {
            LogFound(logger, pid, node.Name, node.Directory);
        }

        if (await WaitGoneAsync(leftovers, GracePeriod, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        foreach (var (pid, node) in leftovers.Where(l => ProcessSignals.IsAlive(l.Pid)))
        {
            LogStopping(logger, pid, node.Name);
            _ = ProcessSignals.Terminate(pid);
        }

        if (!await WaitGoneAsync(leftovers, ShutdownTimeout, cancellationToken).ConfigureAwait(false))
        {
            var alive = string.Join(", ", leftovers.Where(l => ProcessSignals.IsAlive(l.Pid)).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Node.Name} (pid {l.Pid})")));
            throw new DistributedApplicationException(
                $"redis-server processes of an earlier run on this state folder did not stop within {ShutdownTimeout.TotalSeconds:0} s of SIGTERM: {alive}. "
                + "Stop them (`kill <pid>`; they write their AOF and exit) and start again.");
        }
    }

    /// <summary>Running <c>redis-server</c> processes whose working folder is one of <paramref name="nodes"/>' folders.</summary>
    public static IReadOnlyList<(int Pid, RedisNode Node)> Find(IReadOnlyList<RedisNode> nodes)
    {
        var byDirectory = nodes.ToDictionary(n => Path.TrimEndingDirectorySeparator(n.Directory), StringComparer.Ordinal);
        var found = new List<(int, RedisNode)>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(entry, "comm")).Trim() != "redis-server")
                {
                    continue;
                }

                var cwd = new DirectoryInfo(Path.Combine(entry, "cwd")).LinkTarget;
                if (cwd is not null && byDirectory.TryGetValue(Path.TrimEndingDirectorySeparator(cwd), out var node))
                {
                    found.Add((pid, node));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or another user's process: not ours.
            }
        }

        return found;
    }

    private static async Task<bool> WaitGoneAsync(IReadOnlyList<(int Pid, RedisNode Node)> leftovers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (leftovers.Any(l => ProcessSignals.IsAlive(l.Pid)))
        {
            if (Stopwatch.GetElapsedTime(started) >= timeout)
            {
                return false;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "redis-server pid {Pid} of an earlier run still serves {Node} from {Directory}; waiting for it to stop before starting the node again")]
    private static partial void LogFound(ILogger logger, int pid, string node, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "sending SIGTERM to redis-server pid {Pid} ({Node}): it writes its AOF and exits")]
    private static partial void LogStopping(ILogger logger, int pid, string node);
}

using System.Diagnostics;
using System.Globalization;
using RedisAspire.Bench.Processes;

namespace RedisAspire.Bench.Aspire;

/// <summary>
/// Finds and follows the processes of one AppHost run in <c>/proc</c>. DCP does not run under the AppHost: it starts
/// <c>dcp start-apiserver --monitor &lt;AppHost pid&gt;</c> in a session of its own, and every executable (the nodes,
/// the dashboard, cluster-init and sample-api, started from their build output) runs under that DCP. So the
/// run is the AppHost, every <c>dcp</c> process that monitors it, and all their descendants. Each look records every
/// process seen (to check later that none is left) and, when asked, its memory.
/// </summary>
public sealed class RunProcesses(int appHostId, IReadOnlyCollection<int> redisPorts)
{
    // USER_HZ, the unit of the start times in /proc/<pid>/stat: 100 on Linux.
    private const int ClockTicksPerSecond = 100;

    private readonly Lock _gate = new();
    private readonly Dictionary<(int Id, long StartTicks), TrackedProcess> _seen = [];
    private readonly string _appHostToken = appHostId.ToString(CultureInfo.InvariantCulture);
    private readonly HashSet<string> _redisEndpoints = [.. redisPorts.Select(p => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{p}"))];
    private double _dcpRssKib;
    private double _dcpPrivateKib;
    private int _samples;
    private long _lookTicks;
    private int _looks;

    /// <summary>DCP's kubeconfig folder (<c>--kubeconfig &lt;folder&gt;/kubeconfig</c>), once DCP has been seen.</summary>
    public string? KubeconfigDirectory { get; private set; }

    /// <summary>Every process of the run seen so far.</summary>
    public IReadOnlyList<TrackedProcess> Seen
    {
        get
        {
            lock (_gate)
            {
                return [.. _seen.Values];
            }
        }
    }

    /// <summary>One look at /proc; with <paramref name="measureMemory"/> also the memory of every process of the run.</summary>
    public void Look(bool measureMemory)
    {
        var started = Stopwatch.GetTimestamp();
        var table = ProcessTable.Read();
        var arguments = new Dictionary<int, IReadOnlyList<string>>();
        IReadOnlyList<string> ArgumentsOf(int pid) =>
            arguments.TryGetValue(pid, out var known) ? known : arguments[pid] = ProcessMemory.Arguments(pid);

        var roots = table.Values
            .Where(e => e.Id == appHostId || (e.Comm == "dcp" && Monitors(ArgumentsOf(e.Id))))
            .Select(e => e.Id);
        var members = ProcessTable.WithDescendants(table, roots);
        members.UnionWith(table.Values.Where(e => e.Comm.StartsWith("redis-serv", StringComparison.Ordinal) && IsOurNode(ArgumentsOf(e.Id))).Select(e => e.Id));
        long dcpRss = 0, dcpPrivate = 0;
        lock (_gate)
        {
            foreach (var pid in members)
            {
                var entry = table[pid];
                if (entry.IsGone)
                {
                    continue;
                }

                var args = ArgumentsOf(pid);
                if (args.Count == 0)
                {
                    // Exiting (its memory already released); if it lives on, the next look records it.
                    continue;
                }

                // Between fork and exec a child still shows its parent's command line and, after a vfork, its memory.
                if (pid != appHostId && table.ContainsKey(entry.ParentId) && args.SequenceEqual(ArgumentsOf(entry.ParentId)))
                {
                    continue;
                }

                var kind = pid == appHostId ? ProcessKind.AppHost : ProcessKinds.Classify(args);
                if (!_seen.TryGetValue((pid, entry.StartTicks), out var process))
                {
                    process = new TrackedProcess(pid, entry.StartTicks);
                    _seen[(pid, entry.StartTicks)] = process;
                }

                if (process.Kind != kind)
                {
                    process.Kind = kind;
                    process.PeakKib = 0;
                }

                process.CommandLine = string.Join(' ', args);
                process.ParentKind = entry.ParentId == appHostId ? ProcessKind.AppHost
                    : table.ContainsKey(entry.ParentId) ? ProcessKinds.Classify(ArgumentsOf(entry.ParentId))
                    : ProcessKind.Other;
                if (kind == ProcessKind.Dcp && KubeconfigDirectory is null && ValueOf(args, "--kubeconfig") is { } kubeconfig)
                {
                    KubeconfigDirectory = Path.GetDirectoryName(kubeconfig);
                }

                if (!measureMemory)
                {
                    continue;
                }

                var (peak, current) = ProcessMemory.Status(pid);
                process.PeakKib = Math.Max(process.PeakKib, peak ?? 0);
                if (kind == ProcessKind.Dcp)
                {
                    dcpRss += current ?? 0;
                    dcpPrivate += ProcessMemory.PrivateKib(pid) ?? 0;
                }
            }

            if (measureMemory)
            {
                _dcpRssKib = Math.Max(_dcpRssKib, dcpRss);
                _dcpPrivateKib = Math.Max(_dcpPrivateKib, dcpPrivate);
                _samples++;
            }

            _lookTicks += Stopwatch.GetTimestamp() - started;
            _looks++;
        }
    }

    /// <summary>The processes of the run that still run: every one seen so far, and any found by a new look.</summary>
    public IReadOnlyList<TrackedProcess> Alive()
    {
        Look(measureMemory: false);
        return [.. Seen.Where(p => ProcessMemory.IsSameProcessAlive(p.Id, p.StartTicks))];
    }

    /// <summary>What the looks with memory found.</summary>
    public RunMemory Memory()
    {
        lock (_gate)
        {
            var largest = _seen.Values
                .Where(p => p.PeakKib > 0)
                .GroupBy(p => p.Kind)
                .ToDictionary(g => g.Key, g => g.Max(p => p.PeakKib) / 1024.0);
            var lookMilliseconds = _looks == 0 ? 0 : _lookTicks * 1000.0 / Stopwatch.Frequency / _looks;
            return new RunMemory(largest, _dcpRssKib / 1024.0, _dcpPrivateKib / 1024.0, _seen.Values.Count(p => p.Kind == ProcessKind.Dcp), _samples, lookMilliseconds);
        }
    }

    /// <summary>
    /// Seconds from the AppHost's process start to the start of the first process of <paramref name="kind"/>, from the
    /// start times in /proc (clock ticks of 10 ms); <see langword="null"/> when none was seen.
    /// </summary>
    public double? SecondsToFirst(ProcessKind kind)
    {
        var seen = Seen;
        var appHost = seen.FirstOrDefault(p => p.Id == appHostId && p.Kind == ProcessKind.AppHost);
        var first = seen.Where(p => p.Kind == kind).MinBy(p => p.StartTicks);
        return appHost is null || first is null ? null : (first.StartTicks - appHost.StartTicks) / (double)ClockTicksPerSecond;
    }

    /// <summary>
    /// The kinds of the parents of the processes of <paramref name="kind"/>, e.g. <c>dcp</c>; <c>not seen</c> when
    /// there was none.
    /// </summary>
    public string ParentsOf(ProcessKind kind)
    {
        var parents = Seen.Where(p => p.Kind == kind).Select(p => ProcessKinds.Describe(p.ParentKind)).Distinct(StringComparer.Ordinal).ToList();
        return parents.Count == 0 ? "not seen" : string.Join(", ", parents);
    }

    /// <summary>How many processes of each kind were seen, e.g. <c>dcp ×9, redis-server ×6</c>.</summary>
    public string Census() =>
        string.Join(", ", Seen.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g => $"{ProcessKinds.Describe(g.Key)} ×{g.Count()}"));

    /// <summary>The distinct command lines of the processes of kind <see cref="ProcessKind.Other"/>, shortened, e.g. helpers DCP ran.</summary>
    public string Others() =>
        string.Join("; ", Seen.Where(p => p.Kind == ProcessKind.Other)
            .GroupBy(p => p.CommandLine.Length > 160 ? p.CommandLine[..160] + "…" : p.CommandLine, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ×{g.Count()}"));

    private bool Monitors(IReadOnlyList<string> args) => ValueOf(args, "--monitor") == _appHostToken;

    private bool IsOurNode(IReadOnlyList<string> args) =>
        args.Count > 0 && args.SelectMany(a => a.Split(' ')).Any(_redisEndpoints.Contains);

    private static string? ValueOf(IReadOnlyList<string> args, string option)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == option)
            {
                return args[i + 1];
            }
        }

        return null;
    }
}

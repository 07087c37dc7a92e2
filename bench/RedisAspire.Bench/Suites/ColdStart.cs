using System.Diagnostics;
using RedisAspire.Bench.Clients;
using RedisAspire.Bench.Processes;
using RedisAspire.Bench.Redis;

namespace RedisAspire.Bench.Suites;

/// <summary>
/// Starts the built AppHost in process mode (private state folder, free ports), measures from process start until
/// sample-api's <c>/health</c> answers 200 and until the cluster is Ready (checked by the benchmark on the nodes),
/// samples every descendant's peak RSS meanwhile, then stops AppHost with SIGINT and checks that no child is left.
/// </summary>
public static class ColdStart
{
    public const string AppHostKind = "AppHost";
    public const string ClusterInitKind = "cluster-init";
    public const string SampleApiKind = "sample-api";
    public const string RedisKind = "redis-server (largest node)";

    // AppHost's log line when it launches sample-api (after cluster-init exited 0).
    private const string SampleApiStartingLine = "starting sample-api on ";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HealthInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ReadyInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MemoryInterval = TimeSpan.FromMilliseconds(20);

    public static async Task<ColdStartSample> RunAsync(CancellationToken cancellationToken)
    {
        var state = NodeGroup.CreateRoot("apphost");
        var password = NodeGroup.NewPassword();
        var basePort = FreePorts.AllocateBlock(6);
        var httpPort = FreePorts.AllocateHttp();
        var nodes = Enumerable.Range(0, 6).Select(i => new BenchNode($"redis-{i}", basePort + i, state, password)).ToList();
        var peaks = new Dictionary<int, (string Kind, long Kib)>();
        var seen = new Dictionary<int, long>();
        var apphost = Products.StartAppHost(state, basePort, httpPort, password);
        apphost.Mark(SampleApiStartingLine);
        try
        {
            double healthySeconds, readySeconds;
            using (var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // Whichever wait fails first ends the other waits and the sampling too.
                var sampler = SampleMemoryAsync(apphost, peaks, seen, starting.Token);
                try
                {
                    var healthy = WaitHealthyAsync(apphost, httpPort, starting.Token);
                    var ready = WaitReadyAsync(apphost, nodes, starting.Token);
                    healthySeconds = await healthy;
                    readySeconds = await ready;
                }
                finally
                {
                    await starting.CancelAsync();
                    await sampler;
                }
            }

            var stopped = Stopwatch.GetTimestamp();
            apphost.Signal(NativeMethods.SigInt);
            var exitCode = await apphost.WaitForExitAsync(StopTimeout, cancellationToken);
            var stopSeconds = Poll.SecondsSince(stopped);
            var left = seen.Where(p => ProcessMemory.IsSameProcessAlive(p.Key, p.Value)).Select(p => p.Key).ToList();
            if (left.Count > 0)
            {
                foreach (var pid in left)
                {
                    NativeMethods.KillIfAlive(pid);
                }

                throw new InvalidOperationException(
                    $"AppHost exited (code {exitCode}) after SIGINT but left {left.Count} child process(es) running: "
                    + string.Join("; ", left.Select(p => $"{p} {ProcessMemory.CommandLine(p)}")) + " (killed now).");
            }

            if (exitCode != 0)
            {
                throw new InvalidOperationException($"AppHost exited with code {exitCode} after SIGINT; last output:\n{apphost.Tail()}");
            }

            var sampleApiStarted = apphost.MarkedAt(SampleApiStartingLine) is { } at ? Poll.Seconds(apphost.StartedTimestamp, at) : (double?)null;
            return new ColdStartSample(healthySeconds, readySeconds, sampleApiStarted, stopSeconds, PeakPerKind(peaks));
        }
        finally
        {
            // Children first (AppHost's own stop may not have run when something above failed), then AppHost.
            foreach (var pid in seen.Where(p => ProcessMemory.IsSameProcessAlive(p.Key, p.Value)).Select(p => p.Key))
            {
                NativeMethods.KillIfAlive(pid);
            }

            await apphost.DisposeAsync();
            NodeGroup.DeleteRoot(state);
        }
    }

    private static async Task<double> WaitHealthyAsync(BenchProcess apphost, int port, CancellationToken cancellationToken)
    {
        await HttpHealth.WaitHealthyAsync(apphost, port, StartTimeout, HealthInterval, cancellationToken);
        return Poll.SecondsSince(apphost.StartedTimestamp);
    }

    private static async Task<double> WaitReadyAsync(BenchProcess apphost, IReadOnlyList<BenchNode> nodes, CancellationToken cancellationToken)
    {
        var seen = "no check yet";
        await Poll.UntilAsync(
            async () =>
            {
                ThrowIfExited(apphost);
                (var ok, seen) = await ClusterCheck.ReadyAsync(nodes);
                return ok;
            },
            StartTimeout,
            ReadyInterval,
            () => $"AppHost's cluster to be Ready; last seen: {seen}; AppHost output:\n{apphost.Tail()}",
            cancellationToken);
        return Poll.SecondsSince(apphost.StartedTimestamp);
    }

    // VmHWM is the peak so far, so the last sample of a process is its peak up to ≤ one interval before it exited.
    private static async Task SampleMemoryAsync(
        BenchProcess apphost, Dictionary<int, (string Kind, long Kib)> peaks, Dictionary<int, long> seen, CancellationToken cancellationToken)
    {
        var appHostPeak = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            appHostPeak = Math.Max(appHostPeak, ProcessMemory.PeakRssKib(apphost.Id) ?? 0);
            foreach (var pid in ProcessMemory.Descendants(apphost.Id))
            {
                if (!seen.ContainsKey(pid) && ProcessMemory.StartTicks(pid) is { } startTicks)
                {
                    seen[pid] = startTicks;
                }
                // Classified on every sample: between fork and exec a child still shows AppHost's command line (and memory).
                var kind = Classify(ProcessMemory.CommandLine(pid));
                if (kind is not null && ProcessMemory.PeakRssKib(pid) is { } kib)
                {
                    var previous = peaks.TryGetValue(pid, out var known) && known.Kind == kind ? known.Kib : 0;
                    peaks[pid] = (kind, Math.Max(kib, previous));
                }
            }

            try
            {
                await Task.Delay(MemoryInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        peaks[apphost.Id] = (AppHostKind, Math.Max(appHostPeak, ProcessMemory.PeakRssKib(apphost.Id) ?? 0));
    }

    private static string? Classify(string commandLine) =>
        commandLine.Contains("RedisAspire.ClusterInit.dll", StringComparison.Ordinal) ? ClusterInitKind
        : commandLine.Contains("RedisAspire.SampleApi.dll", StringComparison.Ordinal) ? SampleApiKind
        : commandLine.Contains("redis-server", StringComparison.Ordinal) ? RedisKind
        : null;

    private static Dictionary<string, double> PeakPerKind(Dictionary<int, (string Kind, long Kib)> peaks) =>
        peaks.Values.GroupBy(p => p.Kind).ToDictionary(g => g.Key, g => g.Max(p => p.Kib) / 1024.0);

    private static void ThrowIfExited(BenchProcess apphost)
    {
        if (apphost.HasExited)
        {
            throw new InvalidOperationException($"AppHost exited with code {apphost.ExitCode} during start; last output:\n{apphost.Tail()}");
        }
    }
}

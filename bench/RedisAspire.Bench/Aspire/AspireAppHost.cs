using System.Diagnostics;
using System.Globalization;
using RedisAspire.Bench.Processes;
using RedisAspire.Bench.Redis;

namespace RedisAspire.Bench.Aspire;

/// <summary>
/// An Aspire AppHost the benchmark started (the product's or the bare baseline), as a user runs one from a terminal:
/// SIGINT at its default disposition (through <c>env --default-signal=INT</c>), the environment the <c>http</c> launch
/// profile sets, with the dashboard, OTLP and resource-service endpoints on free ports so runs do not collide, and
/// Aspire's update check off. It
/// follows the processes of its run (<see cref="RunProcesses"/>), stops with SIGINT and checks that nothing is left;
/// disposing kills whatever of the run still runs and deletes the run's folder, also after a failure.
/// </summary>
public sealed class AspireAppHost : IAsyncDisposable
{
    public const string DashboardLoginLine = "Login to the dashboard at ";

    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMilliseconds(50);

    // Inherited variables that would reconfigure the AppHost, its dashboard or its children behind the benchmark's back.
    private static readonly string[] DropPrefixes =
    [
        "Cluster__", "AppHost__", "SampleApi__", "Parameters__", "ConnectionStrings__", "Otlp__", "Redis__", "Logging__",
        "DcpPublisher__", "Dashboard__", "Bare__", "OTEL_", "ASPNETCORE_", "ASPIRE_", "DOTNET_URLS", "DOTNET_DASHBOARD_",
        "DOTNET_RESOURCE_SERVICE_",
    ];

    private readonly string _root;

    private AspireAppHost(BenchProcess process, string root, IReadOnlyCollection<int> redisPorts)
    {
        Process = process;
        _root = root;
        Processes = new RunProcesses(process.Id, redisPorts);
    }

    public BenchProcess Process { get; }

    /// <summary>The processes of this run.</summary>
    public RunProcesses Processes { get; }

    /// <summary>The moment just before the AppHost was started (a <see cref="Stopwatch"/> timestamp).</summary>
    public long StartedTimestamp => Process.StartedTimestamp;

    /// <summary>
    /// Starts <paramref name="fileName"/> <paramref name="arguments"/> in <paramref name="workingDirectory"/>.
    /// <paramref name="root"/> is the run's private folder, deleted on dispose; <paramref name="redisPorts"/> are the
    /// ports of its <c>redis-server</c> processes (to find one that escaped DCP); <paramref name="marks"/> are texts
    /// whose first line is timed.
    /// </summary>
    public static AspireAppHost Start(
        string name, string fileName, IEnumerable<string> arguments, string workingDirectory, string root, IReadOnlyCollection<int> redisPorts, IEnumerable<string> marks)
    {
        var environment = new Dictionary<string, string?>
        {
            // What AppHost/Properties/launchSettings.json's http profile sets, on this run's ports.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = LocalUrl(FreePorts.AllocateService()),
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = LocalUrl(FreePorts.AllocateService()),
            ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = LocalUrl(FreePorts.AllocateService()),
            ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = LocalUrl(FreePorts.AllocateService()),
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
            // Aspire's update check runs `dotnet package search` against the package feed at start unless it ran in the
            // last days (the product keeps that date in its user secrets, the bare AppHost has none): off for both.
            ["ASPIRE_VERSION_CHECK_DISABLED"] = "true",
        };
        var process = BenchProcess.Start(
            name,
            Tools.Env,
            ["--default-signal=INT", fileName, .. arguments],
            environment,
            workingDirectory,
            DropPrefixes,
            [DashboardLoginLine, .. marks]);
        return new AspireAppHost(process, root, redisPorts);
    }

    /// <summary>Looks at the run's processes every <paramref name="interval"/> until cancelled (memory too when asked).</summary>
    public async Task FollowAsync(TimeSpan interval, bool measureMemory, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Processes.Look(measureMemory);
            try
            {
                await Task.Delay(interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // One last look, so a process that started since is known to the stop's check.
        Processes.Look(measureMemory);
    }

    /// <summary>Seconds from the AppHost's start until it printed a line containing <paramref name="text"/>; bounded.</summary>
    public async Task<double> SecondsUntilLineAsync(string text, TimeSpan timeout, CancellationToken cancellationToken) =>
        Poll.Seconds(StartedTimestamp, await Process.WaitForMarkAsync(text, timeout, cancellationToken));

    /// <summary>
    /// Sends SIGINT (Ctrl+C) to the AppHost only, waits, bounded, until it exited with code 0 and until no process of
    /// its run is left, and returns both durations.
    /// </summary>
    public async Task<StopSample> StopAsync(CancellationToken cancellationToken)
    {
        ThrowIfExited();
        if (ProcessMemory.IgnoresSignal(Process.Id, NativeMethods.SigInt) == true)
        {
            throw new InvalidOperationException($"{Process.Name} (pid {Process.Id}) ignores SIGINT although it was started with env --default-signal=INT; it could not be stopped like a user stops it.");
        }

        Processes.Look(measureMemory: false);
        var signalled = Stopwatch.GetTimestamp();
        Process.Signal(NativeMethods.SigInt);
        var exitCode = await Process.WaitForExitAsync(ExitTimeout, cancellationToken);
        var exitSeconds = Poll.SecondsSince(signalled);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{Process.Name} exited with code {exitCode} after SIGINT; last output:\n{Process.Tail()}");
        }

        IReadOnlyList<TrackedProcess> left = [];
        var lastToGo = "nothing (all gone when the AppHost exited)";
        await Poll.UntilAsync(
            () =>
            {
                left = Processes.Alive();
                if (left.Count > 0)
                {
                    lastToGo = string.Join(", ", left.GroupBy(Label).Select(g => $"{g.Key} ×{g.Count()}"));
                }

                return Task.FromResult(left.Count == 0);
            },
            CleanupTimeout,
            CleanupInterval,
            () => $"the processes of {Process.Name}'s run to be gone after it exited (SIGINT); last seen still running: {Describe(left)}",
            cancellationToken);
        return new StopSample(exitSeconds, Poll.SecondsSince(signalled), lastToGo);
    }

    /// <summary>Fails when the AppHost has exited (during its start, say).</summary>
    public void ThrowIfExited()
    {
        if (Process.HasExited)
        {
            throw new InvalidOperationException($"{Process.Name} exited with code {Process.ExitCode} before it was stopped; last output:\n{Process.Tail()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // DCP first, so it does not restart or report what is killed next; then everything else of the run.
            var alive = Processes.Alive();
            foreach (var process in alive.OrderBy(p => p.Kind == ProcessKind.Dcp ? 0 : 1))
            {
                NativeMethods.KillIfAlive(process.Id);
            }

            await Process.DisposeAsync();
            if (alive.Count > 0)
            {
                var stillAlive = alive;
                var deadline = Stopwatch.GetTimestamp();
                while ((stillAlive = [.. stillAlive.Where(p => ProcessMemory.IsSameProcessAlive(p.Id, p.StartTicks))]).Count > 0
                       && Stopwatch.GetElapsedTime(deadline) < KillTimeout)
                {
                    await Task.Delay(CleanupInterval);
                }

                var killed = Describe(alive);
                await Console.Error.WriteLineAsync($"[{Process.Name}] killed what was left of the run: {killed}");
                if (stillAlive.Count > 0)
                {
                    var survivors = Describe(stillAlive);
                    await Console.Error.WriteLineAsync($"warning: [{Process.Name}] still running {KillTimeout.TotalSeconds:0} s after SIGKILL: {survivors}");
                }
            }
        }
        finally
        {
            // DCP deletes its kubeconfig folder when it stops; one that was killed leaves it behind.
            if (Processes.KubeconfigDirectory is { } kubeconfig && kubeconfig.Contains("aspire-dcp", StringComparison.Ordinal))
            {
                NodeGroup.DeleteRoot(kubeconfig);
            }

            NodeGroup.DeleteRoot(_root);
        }
    }

    private static string Describe(IReadOnlyList<TrackedProcess> processes) =>
        processes.Count == 0 ? "none" : string.Join("; ", processes.Select(p => $"{ProcessKinds.Describe(p.Kind)} pid {p.Id}: {p.CommandLine}"));

    // A kind, and for dcp which of its commands (start-apiserver, run-controllers, monitor-process).
    private static string Label(TrackedProcess process) =>
        process.Kind == ProcessKind.Dcp && process.CommandLine.Split(' ') is [_, var command, ..]
            ? $"dcp {command}"
            : ProcessKinds.Describe(process.Kind);

    private static string LocalUrl(int port) => string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port}");
}

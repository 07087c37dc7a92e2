using System.Globalization;
using RedisAspire.Bench.Aspire;
using RedisAspire.Bench.Clients;
using RedisAspire.Bench.Processes;
using RedisAspire.Bench.Redis;

namespace RedisAspire.Bench.Suites;

/// <summary>
/// Starts the built product AppHost (<c>AppHost/bin/…/RedisAspire.AppHost</c>) with a fresh state folder and free
/// ports, as a user runs it with the <c>http</c> launch profile, and measures from process start until <c>cache</c> is
/// Healthy (AppHost's <c>cache: Ready</c> console line, then confirmed by the benchmark on every node as the ACL user
/// <c>admin</c>, whose password it reads from the state folder's 0600 <c>password-admin</c>) and until sample-api's
/// <c>/health</c> answers 200 on its port. Then SIGINT, and a check that no process of the run is left.
/// </summary>
public static class ColdStart
{
    public const string CacheReadyLine = "cache: Ready: ";
    private const int Nodes = 6;
    private const string AdminUser = "admin";
    private const string AdminPasswordFile = "password-admin";

    /// <summary>
    /// The processes whose first start is reported (<see cref="ColdStartSample.Started"/>); the <c>dotnet run</c>
    /// launchers are not expected (the AppHost starts the projects from their build output) and are looked for only so
    /// that one showing up is reported.
    /// </summary>
    public static readonly ProcessKind[] Timeline =
        [ProcessKind.RedisServer, ProcessKind.ClusterInit, ProcessKind.SampleApi, ProcessKind.ClusterInitLauncher, ProcessKind.SampleApiLauncher];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan HealthInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ConfirmInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// One cold start; the run's processes are looked at every <paramref name="lookInterval"/> (with their memory when
    /// <paramref name="measureMemory"/>) until <paramref name="settle"/> after the start is complete.
    /// </summary>
    public static async Task<ColdStartSample> RunAsync(TimeSpan lookInterval, bool measureMemory, TimeSpan settle, CancellationToken cancellationToken)
    {
        var root = NodeGroup.CreateRoot("apphost");
        var state = Path.Combine(root, "state");
        AspireAppHost apphost;
        int basePort, sampleApiPort;
        try
        {
            basePort = FreePorts.AllocateBlock(Nodes);
            sampleApiPort = FreePorts.AllocateService();
            var executable = Tools.AppHostExecutable;
            apphost = AspireAppHost.Start(
                "apphost",
                executable,
                [
                    string.Create(CultureInfo.InvariantCulture, $"--Cluster:BasePort={basePort}"),
                    $"--AppHost:StateDirectory={state}",
                    string.Create(CultureInfo.InvariantCulture, $"--SampleApi:Port={sampleApiPort}"),
                ],
                Path.GetDirectoryName(executable)!,
                root,
                [.. Enumerable.Range(basePort, Nodes)],
                [CacheReadyLine]);
        }
        catch
        {
            NodeGroup.DeleteRoot(root);
            throw;
        }

        await using (apphost)
        {
            double dashboard, cacheHealthy, cacheConfirmed, sampleApiHealthy;
            using (var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // Whichever wait fails first ends the other waits and the following too.
                var following = apphost.FollowAsync(lookInterval, measureMemory, starting.Token);
                try
                {
                    var dashboardLine = apphost.SecondsUntilLineAsync(AspireAppHost.DashboardLoginLine, StartTimeout, starting.Token);
                    var cache = WaitCacheHealthyAsync(apphost, state, basePort, starting.Token);
                    var sampleApi = WaitSampleApiHealthyAsync(apphost, sampleApiPort, starting.Token);
                    await Together.AllAsync(starting, dashboardLine, cache, sampleApi);
                    (cacheHealthy, cacheConfirmed) = await cache;
                    sampleApiHealthy = await sampleApi;
                    dashboard = await dashboardLine;
                    await Task.Delay(settle, starting.Token);
                }
                finally
                {
                    await starting.CancelAsync();
                    await following;
                }
            }

            var memory = apphost.Processes.Memory();
            var census = apphost.Processes.Census();
            var others = apphost.Processes.Others();
            Console.Error.WriteLine($"[{apphost.Process.Name}] processes of the run: {census}; other processes: {(others.Length == 0 ? "none" : others)}");
            var stop = await apphost.StopAsync(cancellationToken);
            var started = Timeline.ToDictionary(k => k, apphost.Processes.SecondsToFirst);
            var parents = $"cluster-init's parent: {apphost.Processes.ParentsOf(ProcessKind.ClusterInit)}, sample-api's parent: {apphost.Processes.ParentsOf(ProcessKind.SampleApi)}";
            return new ColdStartSample(dashboard, cacheHealthy, cacheConfirmed, sampleApiHealthy, stop, memory, census, started, parents);
        }
    }

    /// <summary>
    /// Waits, bounded, for AppHost's <c>cache: Ready</c> line, then for the benchmark's own check with real commands on
    /// every node (the line must not come before Ready); both in seconds from the AppHost's start.
    /// </summary>
    internal static async Task<(double Line, double Confirmed)> WaitCacheHealthyAsync(
        AspireAppHost apphost, string state, int basePort, CancellationToken cancellationToken)
    {
        var line = await apphost.SecondsUntilLineAsync(CacheReadyLine, StartTimeout, cancellationToken);
        var passwordFile = Path.Combine(state, AdminPasswordFile);
        if (!File.Exists(passwordFile))
        {
            throw new InvalidOperationException($"AppHost printed '{CacheReadyLine}' but {passwordFile} does not exist; the benchmark cannot check the nodes as {AdminUser}.");
        }

        var password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
        var nodes = Enumerable.Range(0, Nodes)
            .Select(i => new BenchNode(string.Create(CultureInfo.InvariantCulture, $"cache-{i}"), basePort + i, state, password, AdminUser))
            .ToList();
        var seen = "no check yet";
        await Poll.UntilAsync(
            async () =>
            {
                apphost.ThrowIfExited();
                (var ok, seen) = await ClusterCheck.ReadyAsync(nodes);
                return ok;
            },
            ConfirmTimeout,
            ConfirmInterval,
            () => $"the cluster to be Ready on every node (checked as {AdminUser}) after AppHost printed '{CacheReadyLine}'; last seen: {seen}",
            cancellationToken);
        return (line, Poll.SecondsSince(apphost.StartedTimestamp));
    }

    private static async Task<double> WaitSampleApiHealthyAsync(AspireAppHost apphost, int port, CancellationToken cancellationToken)
    {
        await HttpHealth.WaitHealthyAsync(apphost.Process, port, StartTimeout, HealthInterval, cancellationToken);
        return Poll.SecondsSince(apphost.StartedTimestamp);
    }
}

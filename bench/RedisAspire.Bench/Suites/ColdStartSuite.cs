using System.Globalization;
using RedisAspire.Bench.Aspire;
using RedisAspire.Bench.Reporting;

namespace RedisAspire.Bench.Suites;

/// <summary>
/// The product AppHost (Aspire) from process start until <c>cache</c> and sample-api are Healthy, against the bare
/// AppHost's start until its one <c>redis-server</c> answers PING (Aspire's own overhead), in the same run; and the
/// stop after SIGINT of both.
/// </summary>
public sealed class ColdStartSuite : ISuite
{
    public const double HealthyGoalSeconds = 5;

    // The run's processes are looked for every 100 ms (for the check that none is left), without reading their memory.
    private static readonly TimeSpan LookInterval = TimeSpan.FromMilliseconds(100);

    public string Name => "cold-start";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Runs;
        var ping = new Measurement("bare AppHost start → its redis-server answers PING (baseline)", "s");
        var cache = new Measurement("AppHost start → cache Healthy (AppHost's 'cache: Ready' line)", "s");
        var cacheRatio = new Measurement("cache Healthy ÷ bare PING (same run)", "×");
        var confirmed = new Measurement("AppHost start → Ready confirmed by the benchmark on all 6 nodes", "s");
        var healthy = new Measurement("AppHost start → sample-api Healthy (/health 200)", "s");
        var healthyRatio = new Measurement("sample-api Healthy ÷ bare PING (same run)", "×");
        var bareRedis = new Measurement("bare AppHost start → its redis-server process started", "s");
        var firstNode = new Measurement("AppHost start → first node (redis-server) process started", "s");
        var clusterInit = new Measurement("AppHost start → ClusterInit process started", "s");
        var sampleApi = new Measurement("AppHost start → SampleApi process started", "s");
        var sampleApiHealthy = new Measurement("SampleApi process started → sample-api Healthy (/health 200)", "s");

        // Not expected since the AppHost starts the projects from their build output: rows only when one shows up.
        var clusterInitLauncher = new Measurement("unexpected: AppHost start → cluster-init launcher (dotnet run) started", "s");
        var sampleApiLauncher = new Measurement("unexpected: AppHost start → sample-api launcher (dotnet run) started", "s");
        var launchers = new List<string>();
        var parents = new List<string>();
        var bareDashboard = new Measurement("bare AppHost start → dashboard login line", "s");
        var dashboard = new Measurement("AppHost start → dashboard login line", "s");
        var bareExit = new Measurement("bare AppHost: SIGINT → AppHost exited", "s");
        var exit = new Measurement("SIGINT → AppHost exited", "s");
        var bareGone = new Measurement("bare AppHost: SIGINT → no process of the run left", "s");
        var gone = new Measurement("SIGINT → no redis-server, sample-api, cluster-init, dashboard or dcp of the run left", "s");
        var census = new List<string>();
        var lastToGo = new List<string>();
        await Runs.RepeatAsync(Name, runs, async index =>
        {
            var (bare, product) = await StartPair.RunAsync(index, LookInterval, measureMemory: false, TimeSpan.Zero, cancellationToken);
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[{Name}] bare PING {bare.PingSeconds:0.000} s; cache Healthy {product.CacheHealthySeconds:0.000} s, sample-api Healthy {product.SampleApiHealthySeconds:0.000} s; stop: AppHost exited {product.Stop.ExitSeconds:0.000} s, nothing left {product.Stop.AllGoneSeconds:0.000} s (last to go: {product.Stop.LastToGo}; bare: {bare.Stop.ExitSeconds:0.000} s, {bare.Stop.AllGoneSeconds:0.000} s, last to go: {bare.Stop.LastToGo})"));
            if (index == 0)
            {
                return;
            }

            ping.Add(bare.PingSeconds);
            cache.Add(product.CacheHealthySeconds);
            cacheRatio.Add(product.CacheHealthySeconds / bare.PingSeconds);
            confirmed.Add(product.CacheConfirmedSeconds);
            healthy.Add(product.SampleApiHealthySeconds);
            healthyRatio.Add(product.SampleApiHealthySeconds / bare.PingSeconds);
            bareDashboard.Add(bare.DashboardSeconds);
            dashboard.Add(product.DashboardSeconds);
            bareExit.Add(bare.Stop.ExitSeconds);
            exit.Add(product.Stop.ExitSeconds);
            bareGone.Add(bare.Stop.AllGoneSeconds);
            gone.Add(product.Stop.AllGoneSeconds);
            AddIfSeen(bareRedis, bare.RedisStartedSeconds);
            AddIfSeen(firstNode, product.Started[ProcessKind.RedisServer]);
            AddIfSeen(clusterInit, product.Started[ProcessKind.ClusterInit]);
            AddIfSeen(sampleApi, product.Started[ProcessKind.SampleApi]);
            AddIfSeen(sampleApiHealthy, product.SampleApiHealthySeconds - product.Started[ProcessKind.SampleApi]);
            AddIfSeen(clusterInitLauncher, product.Started[ProcessKind.ClusterInitLauncher]);
            AddIfSeen(sampleApiLauncher, product.Started[ProcessKind.SampleApiLauncher]);
            if (product.Started[ProcessKind.ClusterInitLauncher] is not null || product.Started[ProcessKind.SampleApiLauncher] is not null)
            {
                launchers.Add(string.Create(CultureInfo.InvariantCulture, $"run {index}: {product.Census}"));
            }

            parents.Add(string.Create(CultureInfo.InvariantCulture, $"run {index}: {product.Parents}"));
            lastToGo.Add(string.Create(CultureInfo.InvariantCulture, $"run {index}: product {product.Stop.LastToGo}; bare {bare.Stop.LastToGo}"));
            if (index == runs)
            {
                census.Add($"Processes of the last run: product — {product.Census}; bare — {bare.Census}.");
            }
        }, cancellationToken);

        return ResultTable.Render(
            "cold-start: product AppHost (Aspire, fresh state folder, six nodes, cluster-init, sample-api) vs a bare Aspire AppHost with one redis-server",
            [
                new TableRow(ping),
                new TableRow(cache, ping),
                new TableRow(cacheRatio, GoalText: "reported"),
                new TableRow(healthy, ping, $"≤ {HealthyGoalSeconds:0} s", (median, _) => median <= HealthyGoalSeconds),
                new TableRow(healthyRatio, GoalText: "reported"),
                new TableRow(confirmed),
                new TableRow(bareRedis),
                new TableRow(firstNode, bareRedis),
                new TableRow(bareDashboard),
                new TableRow(dashboard, bareDashboard),
                new TableRow(clusterInit),
                new TableRow(sampleApi),
                new TableRow(sampleApiHealthy),
                .. LauncherRows(clusterInitLauncher, sampleApiLauncher),
                new TableRow(bareExit),
                new TableRow(exit, bareExit),
                new TableRow(bareGone),
                new TableRow(gone, bareGone),
            ],
            [
                "Product: `env --default-signal=INT AppHost/bin/<configuration>/net10.0/RedisAspire.AppHost --Cluster:BasePort=<free> --AppHost:StateDirectory=<fresh folder> --SampleApi:Port=<free>` with the environment of the `http` launch profile (Development; dashboard, OTLP and resource-service URLs on free ports; ASPIRE_ALLOW_UNSECURED_TRANSPORT=true). SIGINT is reset to its default by `env`, so the AppHost stops on Ctrl+C even when the benchmark runs where SIGINT is ignored.",
                "Baseline: `RedisAspire.Bench bare-apphost`, an Aspire AppHost (same Aspire.Hosting, DCP and dashboard as the product, read from the product AppHost's build) whose model is one `redis-server` executable and nothing else, in the same environment; timed until that node answers PING (polled every 20 ms). Product and baseline run one after the other, the order alternating per run.",
                "cache Healthy: the moment AppHost's console prints `cache: Ready: …`; then the benchmark checks Ready itself with CLUSTER NODES, CLUSTER INFO (cluster_state:ok) and INFO replication on every node as the ACL user admin (password read from the state folder's 0600 password-admin), polled every 100 ms. sample-api Healthy: GET /health → 200 on SampleApi:Port (DCP's proxy), polled every 50 ms.",
                "Process starts (the rows '… process started'): start times from /proc/<pid>/stat (10 ms clock ticks), counted from the AppHost process' own start. The AppHost starts cluster-init and sample-api from their build output (`RunFromBuildOutput`), so DCP runs RedisAspire.ClusterInit and RedisAspire.SampleApi itself; 'SampleApi process started → sample-api Healthy' subtracts the process' start from the same run's Healthy moment.",
                "Parent of each application, from /proc: " + string.Join(" | ", parents) + ".",
                launchers.Count == 0
                    ? "No `dotnet run` launcher was seen in any run (looked for every 100 ms: a `dotnet run --project …ClusterInit.csproj` or `…SampleApi.csproj` process among the run's processes)."
                    : "Unexpected `dotnet run` launchers were seen (rows 'unexpected: …'): " + string.Join(" | ", launchers) + ".",
                "Stop: SIGINT to the AppHost only; 'nothing left' is checked in /proc every 50 ms over every process the run had: the AppHost, each `dcp` with `--monitor <AppHost pid>` and all their descendants (looked for every 100 ms from the start), plus any redis-server on the run's ports.",
                "Still running at the last look before nothing was left (after the AppHost had exited): " + string.Join(" | ", lastToGo) + ".",
                .. census,
            ]);
    }

    private static IEnumerable<TableRow> LauncherRows(params Measurement[] launchers) =>
        launchers.Where(m => m.Samples.Count > 0).Select(m => new TableRow(m));

    private static void AddIfSeen(Measurement measurement, double? seconds)
    {
        if (seconds is { } value)
        {
            measurement.Add(value);
        }
    }
}

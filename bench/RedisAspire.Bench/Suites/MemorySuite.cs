using System.Globalization;
using RedisAspire.Bench.Aspire;
using RedisAspire.Bench.Reporting;

namespace RedisAspire.Bench.Suites;

/// <summary>
/// Peak resident memory during a cold start of the product AppHost: the AppHost, DCP (all its processes together),
/// the dashboard, cluster-init and sample-api (started by DCP from their build output) and the largest node; the
/// AppHost, DCP and dashboard against the same processes of the bare AppHost in the same run. A <c>dotnet run</c>
/// launcher is no longer expected; one that shows up gets a row and a note.
/// </summary>
public sealed class MemorySuite : ISuite
{
    private static readonly TimeSpan LookInterval = TimeSpan.FromMilliseconds(20);

    // Both AppHosts are followed for this long after their start is complete, so the dashboard of the quicker bare
    // AppHost is not measured before it has settled.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private static readonly ProcessKind[] Single =
    [
        ProcessKind.AppHost, ProcessKind.Dashboard, ProcessKind.ClusterInit, ProcessKind.SampleApi, ProcessKind.RedisServer,
    ];

    private static readonly ProcessKind[] Launchers = [ProcessKind.ClusterInitLauncher, ProcessKind.SampleApiLauncher];

    private static readonly ProcessKind[] InBare = [ProcessKind.AppHost, ProcessKind.Dashboard, ProcessKind.RedisServer];

    public string Name => "memory";

    /// <summary>The name of a product row for one process kind.</summary>
    public static string RowName(ProcessKind kind) =>
        kind == ProcessKind.RedisServer ? "redis-server (largest node) peak RSS" : $"{ProcessKinds.Describe(kind)} peak RSS";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Runs;
        var product = Single.ToDictionary(k => k, k => new Measurement(RowName(k), "MiB"));
        var launchers = Launchers.ToDictionary(k => k, k => new Measurement("unexpected: " + RowName(k), "MiB"));
        var launcherRuns = new List<string>();
        var bare = InBare.ToDictionary(k => k, k => new Measurement($"bare AppHost: {ProcessKinds.Describe(k)} peak RSS", "MiB"));
        var dcpRss = new Measurement("DCP, all dcp processes together: peak Σ RSS", "MiB");
        var dcpPrivate = new Measurement("DCP, all dcp processes together: peak Σ private (USS)", "MiB");
        var bareDcpRss = new Measurement("bare AppHost: DCP peak Σ RSS", "MiB");
        var bareDcpPrivate = new Measurement("bare AppHost: DCP peak Σ private (USS)", "MiB");
        var census = new List<string>();
        var samples = new List<int>();
        var lookMilliseconds = new List<double>();
        await Runs.RepeatAsync(Name, runs, async index =>
        {
            var (bareRun, productRun) = await StartPair.RunAsync(index, LookInterval, measureMemory: true, Settle, cancellationToken);
            if (index == 0)
            {
                return;
            }

            foreach (var kind in Single)
            {
                product[kind].Add(Peak(productRun.Memory, kind, "product AppHost"));
            }

            foreach (var kind in Launchers)
            {
                if (productRun.Memory.LargestPeakMib.TryGetValue(kind, out var mib))
                {
                    launchers[kind].Add(mib);
                    launcherRuns.Add(string.Create(CultureInfo.InvariantCulture, $"run {index}: {ProcessKinds.Describe(kind)} {mib:0.0} MiB"));
                }
            }

            foreach (var kind in InBare)
            {
                bare[kind].Add(Peak(bareRun.Memory, kind, "bare AppHost"));
            }

            dcpRss.Add(productRun.Memory.DcpRssMib);
            dcpPrivate.Add(productRun.Memory.DcpPrivateMib);
            bareDcpRss.Add(bareRun.Memory.DcpRssMib);
            bareDcpPrivate.Add(bareRun.Memory.DcpPrivateMib);
            samples.Add(productRun.Memory.Samples);
            samples.Add(bareRun.Memory.Samples);
            lookMilliseconds.Add(productRun.Memory.LookMilliseconds);
            lookMilliseconds.Add(bareRun.Memory.LookMilliseconds);
            if (index == runs)
            {
                census.Add($"Processes of the last run: product — {productRun.Census}; bare — {bareRun.Census}.");
            }
        }, cancellationToken);

        return ResultTable.Render(
            "memory: peak RSS during a cold start of the product AppHost (Aspire) vs the bare Aspire AppHost",
            [
                new TableRow(product[ProcessKind.AppHost], bare[ProcessKind.AppHost]),
                new TableRow(dcpRss, bareDcpRss),
                new TableRow(dcpPrivate, bareDcpPrivate),
                new TableRow(product[ProcessKind.Dashboard], bare[ProcessKind.Dashboard]),
                new TableRow(product[ProcessKind.ClusterInit]),
                new TableRow(product[ProcessKind.SampleApi]),
                .. launchers.Values.Where(m => m.Samples.Count > 0).Select(m => new TableRow(m)),
                new TableRow(product[ProcessKind.RedisServer]),
                new TableRow(bare[ProcessKind.AppHost]),
                new TableRow(bareDcpRss),
                new TableRow(bareDcpPrivate),
                new TableRow(bare[ProcessKind.Dashboard]),
                new TableRow(bare[ProcessKind.RedisServer]),
            ],
            [
                string.Create(CultureInfo.InvariantCulture, $"Each run starts the bare and the product AppHost one after the other (as in cold-start) and follows each from its start until {Settle.TotalSeconds:0} s after its start is complete (product: cache and sample-api Healthy; bare: PING answered), pausing {LookInterval.TotalMilliseconds:0} ms between looks at /proc ({(samples.Count == 0 ? 0 : samples.Min())}–{(samples.Count == 0 ? 0 : samples.Max())} looks per AppHost; one look, memory included, took {(lookMilliseconds.Count == 0 ? 0 : lookMilliseconds.Average()):0.0} ms on average). The looks cost CPU on the same cores, so this suite's start times are not reported (cold-start looks every 100 ms, without memory)."),
                "Per process: VmHWM (peak resident set since exec) from /proc/<pid>/status, the largest of its kind; a process that exits early (cluster-init) counts up to its last look. The processes of a run: the AppHost, each `dcp` with `--monitor <AppHost pid>` and all their descendants; a child between fork and exec (same command line as its parent) is skipped.",
                "DCP together: the largest sum over one look of every dcp process' VmRSS (start-apiserver, run-controllers, one monitor-process per executable, short-lived helpers): an upper bound, each process counts the shared pages of the dcp binary again; and of their private pages (Private_Clean + Private_Dirty from smaps_rollup): a lower bound, shared pages counted nowhere.",
                "sample-api and cluster-init are the applications (RedisAspire.SampleApi, RedisAspire.ClusterInit), started by DCP from their build output (`RunFromBuildOutput`), with no `dotnet run` launcher between. The bare AppHost's redis-server is a plain node (no cluster, no AOF, no ACL), so it is no baseline for the product's nodes.",
                launcherRuns.Count == 0
                    ? "No `dotnet run` launcher was seen in any run."
                    : "Unexpected `dotnet run` launchers were seen (rows 'unexpected: …'): " + string.Join(" | ", launcherRuns) + ".",
                .. census,
            ]);
    }

    private static double Peak(RunMemory memory, ProcessKind kind, string run) =>
        memory.LargestPeakMib.TryGetValue(kind, out var mib)
            ? mib
            : throw new InvalidOperationException(
                $"No memory sample of {ProcessKinds.Describe(kind)} during the {run}'s cold start (seen: {string.Join(", ", memory.LargestPeakMib.Keys.Select(ProcessKinds.Describe))}).");
}

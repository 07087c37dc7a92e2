using System.Diagnostics;
using System.Globalization;
using RedisAspire.Bench.Processes;
using RedisAspire.Bench.Redis;
using RedisAspire.Bench.Reporting;

namespace RedisAspire.Bench.Suites;

/// <summary>
/// Six fresh nodes, each up for at least 2 s: ClusterInit until it exits 0 (Ready) vs <c>redis-cli --cluster create
/// --cluster-replicas 1 --cluster-yes</c> followed by polling for the same Ready condition. Runs alternate which goes first.
/// </summary>
public sealed class FormationSuite : ISuite
{
    private static readonly TimeSpan DefaultNodeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WritableDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FormTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(20);

    public string Name => "formation";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Runs;
        var nodeTimeout = options.NodeTimeout ?? DefaultNodeTimeout;
        var baseline = new Measurement("redis-cli --cluster create + poll until Ready", "s");
        var candidate = new Measurement("ClusterInit until exit 0 (Ready)", "s");
        var paired = new Measurement("ClusterInit ÷ baseline (same run)", "×");
        var lastUnmet = new List<string>();
        await Runs.RepeatAsync(Name, runs, async index =>
        {
            var groups = await Task.WhenAll(
                NodeGroup.StartAsync(6, nodeTimeout, cancellationToken), NodeGroup.StartAsync(6, nodeTimeout, cancellationToken));
            await using var first = groups[0];
            await using var second = groups[1];
            await first.WaitUntilAllUpForAsync(WritableDelay, cancellationToken);
            await second.WaitUntilAllUpForAsync(WritableDelay, cancellationToken);
            double baselineSeconds, candidateSeconds;
            if (index % 2 == 0)
            {
                baselineSeconds = await RedisCliCreateAsync(first, lastUnmet, cancellationToken);
                candidateSeconds = await ClusterInitAsync(second);
            }
            else
            {
                candidateSeconds = await ClusterInitAsync(first);
                baselineSeconds = await RedisCliCreateAsync(second, lastUnmet, cancellationToken);
            }

            if (index > 0)
            {
                baseline.Add(baselineSeconds);
                candidate.Add(candidateSeconds);
                paired.Add(candidateSeconds / baselineSeconds);
            }
        }, cancellationToken);

        return ResultTable.Render(
            string.Create(CultureInfo.InvariantCulture, $"formation: six fresh nodes (cluster-node-timeout {nodeTimeout.TotalMilliseconds:0} ms) until Ready (3 masters + 3 replicas)"),
            [
                new TableRow(baseline),
                new TableRow(candidate, baseline),
                new TableRow(paired, null, "≤ 0.25", (median, _) => median <= 0.25),
            ],
            [
                "Ready (both rows, checked by the benchmark on every node): 16384 slots covered, one view everywhere, no open slot, cluster_state:ok everywhere, each replica master_link_status:up.",
                "ClusterInit's time includes starting the .NET process (`dotnet RedisAspire.ClusterInit.dll`); after it exits the benchmark re-checks Ready itself.",
                $"Every node was up ≥ {WritableDelay.TotalSeconds:0} s before timing started; the baseline's Ready poll runs every {ReadyPollInterval.TotalMilliseconds:0} ms.",
                .. lastUnmet.Select(l => "Baseline run (warm-up first): " + l),
            ]);
    }

    private static async Task<double> RedisCliCreateAsync(NodeGroup group, List<string> lastUnmet, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "--cluster", "create" };
        arguments.AddRange(group.Nodes.Select(n => n.Endpoint));
        arguments.AddRange(["--cluster-replicas", "1", "--cluster-yes"]);
        var started = Stopwatch.GetTimestamp();
        await using (var cli = BenchProcess.Start(
                         "redis-cli", Tools.RedisCli, arguments, new Dictionary<string, string?> { ["REDISCLI_AUTH"] = group.Password }))
        {
            var exitCode = await cli.WaitForExitAsync(FormTimeout, cancellationToken);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"redis-cli --cluster create exited with code {exitCode}:\n{cli.Tail()}");
            }
        }

        var cliSeconds = Poll.SecondsSince(started);
        var unmet = await ClusterCheck.WaitReadyAsync(group.Nodes, FormTimeout, ReadyPollInterval, cancellationToken);
        var seconds = Poll.SecondsSince(started);
        lastUnmet.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"redis-cli exited after {cliSeconds:0.000} s, Ready after {seconds:0.000} s; the last unmet condition was: {unmet ?? "none"}"));
        return seconds;
    }

    private static async Task<double> ClusterInitAsync(NodeGroup group)
    {
        var started = Stopwatch.GetTimestamp();
        await Products.RunClusterInitAsync(group.Nodes, group.Password, FormTimeout);
        var seconds = Poll.SecondsSince(started);
        var (ready, seen) = await ClusterCheck.ReadyAsync(group.Nodes);
        return ready
            ? seconds
            : throw new InvalidOperationException($"ClusterInit exited 0 but the cluster is not Ready: {seen}");
    }
}

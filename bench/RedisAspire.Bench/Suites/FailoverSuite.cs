using System.Globalization;
using RedisAspire.Bench.Clients;
using RedisAspire.Bench.Reporting;

namespace RedisAspire.Bench.Suites;

/// <summary>
/// Master failover at node-timeout 1 s, 2 s and 5 s: server-side recovery (the baseline) vs the write outage sample-api
/// and plain StackExchange.Redis observe. Goal: sample-api's outage − the same run's recovery ≤ 0.1 s (median).
/// </summary>
public sealed class FailoverSuite : ISuite
{
    private const double AllowedLagSeconds = 0.1;
    private static readonly TimeSpan[] NodeTimeouts = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    public string Name => "failover";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Runs;
        var notes = new List<string>();
        var rows = new List<TableRow>();
        var perTimeout = NodeTimeouts.Select(t =>
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"node-timeout {t.TotalSeconds:0} s");
            return (
                Timeout: t,
                Recovery: new Measurement($"{label}: server-side recovery", "s"),
                SampleApi: new Measurement($"{label}: sample-api (HTTP PUT) write outage", "s"),
                Direct: new Measurement($"{label}: reference: plain StackExchange.Redis 3.4.35 write outage", "s"),
                SampleApiLag: new Measurement($"{label}: sample-api outage − recovery (same run)", "s"),
                DirectLag: new Measurement($"{label}: reference: plain 3.4.35 outage − recovery (same run)", "s"));
        }).ToList();

        await Runs.RepeatAsync(Name, runs, async index =>
        {
            foreach (var (timeout, recovery, sampleApi, direct, sampleApiLag, directLag) in perTimeout)
            {
                var runNotes = index == 0 ? [] : notes;
                var sample = await FailoverRun.RunAsync(timeout, runNotes, cancellationToken);
                Console.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"[{Name}] node-timeout {timeout.TotalSeconds:0} s: recovery {sample.RecoverySeconds:0.000} s, sample-api {sample.SampleApiSeconds:0.000} s, plain 3.4.35 {sample.DirectSeconds:0.000} s"));
                if (index == 0)
                {
                    continue;
                }

                recovery.Add(sample.RecoverySeconds);
                if (sample.SampleApiSeconds is { } http)
                {
                    sampleApi.Add(http);
                    sampleApiLag.Add(http - sample.RecoverySeconds);
                }

                if (sample.DirectSeconds is { } redis)
                {
                    direct.Add(redis);
                    directLag.Add(redis - sample.RecoverySeconds);
                }
            }
        }, cancellationToken);

        foreach (var (_, recovery, sampleApi, direct, sampleApiLag, directLag) in perTimeout)
        {
            rows.Add(new TableRow(recovery));
            rows.Add(new TableRow(sampleApi, recovery, $"≤ baseline + {AllowedLagSeconds} s", WithinLag));
            rows.Add(new TableRow(direct, recovery, "reference"));
            rows.Add(new TableRow(sampleApiLag, null, $"≤ {AllowedLagSeconds} s", LagWithinAllowance));
            rows.Add(new TableRow(directLag, null, "reference"));
        }

        notes.InsertRange(0,
        [
            "Each run: six fresh nodes formed by ClusterInit, sample-api started, two clients writing every 10 ms to keys on the master that is then killed with SIGKILL.",
            "Server-side recovery (the baseline of the rows below it): from the kill until every slot has a live master and cluster_state:ok on every live node, polled every 20 ms.",
            "Write outage: from the kill until the end of the first write that started after the kill and succeeded. The \"outage − recovery\" rows pair each run's outage with the same run's recovery (median of the per-run differences).",
            "sample-api: Aspire's Redis client (StackExchange.Redis 3.4.35) with its retry policy (Redis:RetryDelay 10 ms, Redis:RetryBudget 10 s), fail-fast backlog and NoRedirect (SampleApi/Redis/RedisClientExtensions.cs); each PUT is one attempt of the writer.",
            $"Reference (no goal): {DirectRedisWriter.Description}.",
            "A run in which a client did not write again in time adds no sample to its row (see the runs column) and is listed here.",
        ]);
        return ResultTable.Render("failover: kill -9 of a master while clients write to its slots", rows, notes);
    }

    private static bool LagWithinAllowance(double median, double? baseline) => median <= AllowedLagSeconds;

    private static bool WithinLag(double median, double? baseline) => baseline is { } b && median <= b + AllowedLagSeconds;
}

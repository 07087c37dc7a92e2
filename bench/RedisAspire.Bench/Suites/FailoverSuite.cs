using System.Globalization;
using RedisAspire.Bench.Clients;
using RedisAspire.Bench.Reporting;

namespace RedisAspire.Bench.Suites;

/// <summary>
/// Master failover at node-timeout 1 s, 2 s and 5 s: server-side recovery (the baseline) vs the write outage two
/// clients observe. Goal: client outage ≤ server recovery + 0.5 s.
/// </summary>
public sealed class FailoverSuite : ISuite
{
    private const double AllowedLagSeconds = 0.5;
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
                Product: new Measurement($"{label}: product client direct (no HTTP) write outage", "s"),
                Direct: new Measurement($"{label}: reference: plain StackExchange.Redis 1.2.6 write outage", "s"),
                SampleApiLag: new Measurement($"{label}: sample-api outage − recovery (same run)", "s"),
                ProductLag: new Measurement($"{label}: product client outage − recovery (same run)", "s"),
                DirectLag: new Measurement($"{label}: reference: plain 1.2.6 outage − recovery (same run)", "s"));
        }).ToList();

        await Runs.RepeatAsync(Name, runs, async index =>
        {
            foreach (var (timeout, recovery, sampleApi, product, direct, sampleApiLag, productLag, directLag) in perTimeout)
            {
                var runNotes = index == 0 ? [] : notes;
                var sample = await FailoverRun.RunAsync(timeout, runNotes, cancellationToken);
                Console.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"[{Name}] node-timeout {timeout.TotalSeconds:0} s: recovery {sample.RecoverySeconds:0.000} s, sample-api {sample.SampleApiSeconds:0.000} s, product client {sample.ProductSeconds:0.000} s, plain 1.2.6 {sample.DirectSeconds:0.000} s"));
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

                if (sample.ProductSeconds is { } client)
                {
                    product.Add(client);
                    productLag.Add(client - sample.RecoverySeconds);
                }

                if (sample.DirectSeconds is { } redis)
                {
                    direct.Add(redis);
                    directLag.Add(redis - sample.RecoverySeconds);
                }
            }
        }, cancellationToken);

        foreach (var (_, recovery, sampleApi, product, direct, sampleApiLag, productLag, directLag) in perTimeout)
        {
            rows.Add(new TableRow(recovery));
            rows.Add(new TableRow(sampleApi, recovery, $"≤ baseline + {AllowedLagSeconds} s", WithinLag));
            rows.Add(new TableRow(product, recovery, $"≤ baseline + {AllowedLagSeconds} s", WithinLag));
            rows.Add(new TableRow(direct, recovery, "reference"));
            rows.Add(new TableRow(sampleApiLag, null, $"≤ {AllowedLagSeconds} s", LagWithinAllowance));
            rows.Add(new TableRow(productLag, null, $"≤ {AllowedLagSeconds} s", LagWithinAllowance));
            rows.Add(new TableRow(directLag, null, "reference"));
        }

        notes.InsertRange(0,
        [
            "Each run: six fresh nodes formed by ClusterInit, sample-api started, three clients writing every 10 ms to keys on the master that is then killed with SIGKILL.",
            "Server-side recovery (the baseline of the rows below it): from the kill until every slot has a live master and cluster_state:ok on every live node, polled every 20 ms.",
            "Write outage: from the kill until the first write that started after the kill succeeded. The \"outage − recovery\" rows pair each run's outage with the same run's recovery (median of the per-run differences).",
            $"Product client: {ProductRedisWriter.Description}; the same code sample-api runs, so its rows show the client's own lag without HTTP.",
            $"Reference (not the product's client, no goal): {DirectRedisWriter.Description}, 1 s connect/command timeouts.",
            "A run in which a client did not write again in time adds no sample to its row (see the runs column) and is listed here.",
        ]);
        return ResultTable.Render("failover: kill -9 of a master while clients write to its slots", rows, notes);
    }

    private static bool LagWithinAllowance(double median, double? baseline) => median <= AllowedLagSeconds;

    private static bool WithinLag(double median, double? baseline) => baseline is { } b && median <= b + AllowedLagSeconds;
}

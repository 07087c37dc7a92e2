using RedisAspire.Bench.Reporting;

namespace RedisAspire.Bench.Suites;

/// <summary>Peak resident memory (VmHWM) of AppHost, cluster-init, sample-api and the largest node during a cold start.</summary>
public sealed class MemorySuite : ISuite
{
    public string Name => "memory";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Runs;
        string[] kinds = [ColdStart.AppHostKind, ColdStart.ClusterInitKind, ColdStart.SampleApiKind, ColdStart.RedisKind];
        var measurements = kinds.ToDictionary(k => k, k => new Measurement($"{k} peak RSS", "MiB"));
        await Runs.RepeatAsync(Name, runs, async index =>
        {
            var sample = await ColdStart.RunAsync(cancellationToken);
            if (index == 0)
            {
                return;
            }

            foreach (var kind in kinds)
            {
                if (!sample.PeakRssMib.TryGetValue(kind, out var mib))
                {
                    throw new InvalidOperationException($"No memory sample of {kind} during the cold start (seen: {string.Join(", ", sample.PeakRssMib.Keys)}).");
                }

                measurements[kind].Add(mib);
            }
        }, cancellationToken);

        return ResultTable.Render(
            "memory: peak RSS during an AppHost cold start (process mode)",
            [.. kinds.Select(k => new TableRow(measurements[k]))],
            [
                "VmHWM from /proc/<pid>/status, sampled every 20 ms from AppHost start until sample-api is healthy and the cluster Ready; a process that exits (cluster-init) is counted up to its last sample.",
                "No baseline: reported for tracking.",
            ]);
    }
}

using RedisAspire.Bench.Reporting;

namespace RedisAspire.Bench.Suites;

/// <summary>The built AppHost in process mode: start until sample-api is healthy, and until the cluster is Ready.</summary>
public sealed class ColdStartSuite : ISuite
{
    public const double HealthyGoalSeconds = 5;

    public string Name => "cold-start";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Runs;
        var healthy = new Measurement("AppHost start → sample-api /health 200", "s");
        var ready = new Measurement("AppHost start → cluster Ready", "s");
        var launched = new Measurement("AppHost start → sample-api launched (AppHost's log line)", "s");
        var apiStart = new Measurement("sample-api launched → /health 200", "s");
        var stop = new Measurement("SIGINT → AppHost exited, no child left", "s");
        await Runs.RepeatAsync(Name, runs, async index =>
        {
            var sample = await ColdStart.RunAsync(cancellationToken);
            if (index > 0)
            {
                healthy.Add(sample.HealthySeconds);
                ready.Add(sample.ReadySeconds);
                stop.Add(sample.StopSeconds);
                if (sample.SampleApiStartedSeconds is { } started)
                {
                    launched.Add(started);
                    apiStart.Add(sample.HealthySeconds - started);
                }
            }
        }, cancellationToken);

        return ResultTable.Render(
            "cold-start: AppHost in process mode, fresh state folder, six nodes, cluster-init, sample-api",
            [
                new TableRow(healthy, null, $"≤ {HealthyGoalSeconds:0} s", (median, _) => median <= HealthyGoalSeconds),
                new TableRow(ready),
                new TableRow(launched),
                new TableRow(apiStart),
                new TableRow(stop),
            ],
            [
                "Timed from the moment `dotnet RedisAspire.AppHost.dll --AppHost:Runtime=process` is started; /health polled every 50 ms, Ready (checked by the benchmark on every node) every 100 ms.",
                "No baseline: the goal is absolute (sample-api healthy within 5 s).",
            ]);
    }
}

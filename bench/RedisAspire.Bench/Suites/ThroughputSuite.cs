using System.Globalization;
using RedisAspire.Bench.Clients;
using RedisAspire.Bench.Processes;
using RedisAspire.Bench.Redis;
using RedisAspire.Bench.Reporting;
using RedisAspire.Bench.Telemetry;
using StackExchange.Redis;

namespace RedisAspire.Bench.Suites;

/// <summary>
/// On one cluster: sample-api PUT/GET requests per second with OTLP export on (to a local receiver) vs off, two
/// sample-api processes loaded in turn; and StackExchange.Redis pipelined operations per second vs redis-benchmark.
/// </summary>
public sealed class ThroughputSuite : ISuite
{
    private const double TelemetryGoal = 0.95;
    private const double MaxFailedShare = 0.01;
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Setup = TimeSpan.FromSeconds(60);
    private static readonly bool[] PutThenGet = [true, false];
    private static readonly bool[] OffThenOn = [false, true];
    private static readonly bool[] OnThenOff = [true, false];

    public string Name => "throughput";

    private static string Settings(BenchOptions options) => options.OtelSettings is { Count: > 0 } settings
        ? "exporter defaults except " + string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))
        : "exporter defaults: batched spans, periodic metrics";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Runs;
        var putOff = new Measurement("sample-api PUT, telemetry off", "req/s");
        var putOn = new Measurement("sample-api PUT, OTLP export on", "req/s");
        var getOff = new Measurement("sample-api GET, telemetry off", "req/s");
        var getOn = new Measurement("sample-api GET, OTLP export on", "req/s");
        var benchmarkSet = new Measurement("redis-benchmark --cluster SET", "ops/s");
        var clientSet = new Measurement("StackExchange.Redis pipelined SET", "ops/s");
        var benchmarkGet = new Measurement("redis-benchmark --cluster GET", "ops/s");
        var clientGet = new Measurement("StackExchange.Redis pipelined GET", "ops/s");
        var putPaired = new Measurement("PUT on ÷ off (same run)", "×");
        var getPaired = new Measurement("GET on ÷ off (same run)", "×");
        var setPaired = new Measurement("SET StackExchange.Redis ÷ redis-benchmark (same run)", "×");
        var getClientPaired = new Measurement("GET StackExchange.Redis ÷ redis-benchmark (same run)", "×");
        var notes = new List<string>();

        await using var group = await NodeGroup.StartAsync(6, TimeSpan.FromSeconds(5), cancellationToken);
        await Products.RunClusterInitAsync(group.Nodes, group.Password, Setup);
        await AddBenchmarkUserAsync(group);
        await using var sink = await OtlpSink.StartAsync();
        var portOff = FreePorts.AllocateHttp();
        var portOn = FreePorts.AllocateHttp();
        await using var apiOff = Products.StartSampleApi(group.Nodes, group.Password, portOff);
        await using var apiOn = Products.StartSampleApi(group.Nodes, group.Password, portOn, sink.Endpoint, options.OtelSettings);
        await HttpHealth.WaitHealthyAsync(apiOff, portOff, Setup, TimeSpan.FromMilliseconds(50), cancellationToken);
        await HttpHealth.WaitHealthyAsync(apiOn, portOn, Setup, TimeSpan.FromMilliseconds(50), cancellationToken);
        var redisOptions = DirectRedisWriter.Options(group.Nodes.Select(n => n.Endpoint), group.Password);
        redisOptions.SyncTimeout = redisOptions.AsyncTimeout = 10_000;
        redisOptions.ConnectTimeout = 5000;
        using var multiplexer = await ConnectionMultiplexer.ConnectAsync(redisOptions);
        var scratch = NodeGroup.CreateRoot("load");
        try
        {
            await Runs.RepeatAsync(Name, runs, async index =>
            {
                var record = index > 0;
                var offFirst = index % 2 == 0;
                foreach (var put in PutThenGet)
                {
                    var (off, on) = put ? (putOff, putOn) : (getOff, getOn);
                    foreach (var telemetry in offFirst ? OffThenOn : OnThenOff)
                    {
                        var result = await HttpLoad.RunAsync(telemetry ? portOn : portOff, put, LoadDuration, scratch, cancellationToken);
                        Record(record, telemetry ? on : off, result, notes);
                    }
                }

                if (offFirst)
                {
                    var (set, get) = await RedisLoad.RedisBenchmarkAsync(group.Nodes[0].Host, group.Nodes[0].Port, cancellationToken);
                    Record(record, benchmarkSet, set, notes);
                    Record(record, benchmarkGet, get, notes);
                    (set, get) = await RedisLoad.StackExchangeAsync(multiplexer);
                    Record(record, clientSet, set, notes);
                    Record(record, clientGet, get, notes);
                }
                else
                {
                    var (set, get) = await RedisLoad.StackExchangeAsync(multiplexer);
                    Record(record, clientSet, set, notes);
                    Record(record, clientGet, get, notes);
                    (set, get) = await RedisLoad.RedisBenchmarkAsync(group.Nodes[0].Host, group.Nodes[0].Port, cancellationToken);
                    Record(record, benchmarkSet, set, notes);
                    Record(record, benchmarkGet, get, notes);
                }

                if (record)
                {
                    putPaired.Add(putOn.Samples[^1] / putOff.Samples[^1]);
                    getPaired.Add(getOn.Samples[^1] / getOff.Samples[^1]);
                    setPaired.Add(clientSet.Samples[^1] / benchmarkSet.Samples[^1]);
                    getClientPaired.Add(clientGet.Samples[^1] / benchmarkGet.Samples[^1]);
                }
            }, cancellationToken);
        }
        finally
        {
            NodeGroup.DeleteRoot(scratch);
        }

        if (sink.Requests == 0)
        {
            notes.Add("**The OTLP receiver got no export request: the 'export on' rows did not export.**");
        }

        notes.InsertRange(0,
        [
            $"HTTP load generator: {HttpLoad.Generator}, {LoadDuration.TotalSeconds:0} s per measurement, keys bench-0 … bench-{HttpLoad.Keys - 1}, PUT before GET; the two sample-api processes run side by side on the same cluster and are loaded in turn (order alternating per run).",
            string.Create(CultureInfo.InvariantCulture, $"OTLP export: http/protobuf to a receiver inside the benchmark process (answers 200); it received {sink.Requests} export requests, {sink.Bytes / 1024.0 / 1024.0:0.0} MiB, over the whole suite ({Settings(options)})."),
            $"Redis rows: {RedisLoad.Describe}; redis-benchmark is the baseline of the StackExchange.Redis rows.",
            "Everything (nodes, sample-api, load generator, receiver) shares the same cores, so absolute figures are low; the ratios are the result.",
        ]);
        return ResultTable.Render(
            "throughput: sample-api with and without OTLP export; StackExchange.Redis vs redis-benchmark",
            [
                new TableRow(putOff),
                new TableRow(putOn, putOff),
                new TableRow(putPaired, null, $"≥ {TelemetryGoal}", AtLeastGoal),
                new TableRow(getOff),
                new TableRow(getOn, getOff),
                new TableRow(getPaired, null, $"≥ {TelemetryGoal}", AtLeastGoal),
                new TableRow(benchmarkSet),
                new TableRow(clientSet, benchmarkSet),
                new TableRow(setPaired, null, "reported"),
                new TableRow(benchmarkGet),
                new TableRow(clientGet, benchmarkGet),
                new TableRow(getClientPaired, null, "reported"),
            ],
            notes);
    }

    private static bool AtLeastGoal(double median, double? baseline) => median >= TelemetryGoal;

    private static void Record(bool record, Measurement measurement, LoadResult result, List<string> notes)
    {
        if (!record)
        {
            return;
        }

        measurement.Add(result.PerSecond);
        if (result.Failed > result.Total * MaxFailedShare)
        {
            notes.Add($"{measurement.Name}: {result.Failed} of {result.Total} requests failed in one run.");
        }
    }

    private static async Task AddBenchmarkUserAsync(NodeGroup group)
    {
        foreach (var node in group.Nodes)
        {
            await using var connection = await node.ConnectAsync(TimeSpan.FromSeconds(2));
            var reply = await connection.ExecuteAsync("ACL", "SETUSER", RedisLoad.BenchmarkUser, "reset", "on", "nopass", "~*", "&*", "+@all");
            _ = reply.AsText($"ACL SETUSER {RedisLoad.BenchmarkUser} on {node}");
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using RedisAspire.Bench.Processes;
using StackExchange.Redis;

namespace RedisAspire.Bench.Clients;

/// <summary>
/// Raw cluster throughput: StackExchange.Redis 3.4.35 pipelined (async commands with many in flight on one multiplexer)
/// vs <c>redis-benchmark --cluster</c> with pipelining, both doing SET and GET of 3-byte values over the same key space.
/// </summary>
public static class RedisLoad
{
    public const int Operations = 100_000;
    public const int InFlight = 1000;
    public const int KeySpace = 10_000;
    public const int BenchmarkClients = 50;
    public const int BenchmarkPipeline = 16;

    /// <summary>A password-less ACL user for redis-benchmark, which only takes a password as an argument.</summary>
    public const string BenchmarkUser = "bench-tool";

    public static string Describe =>
        $"StackExchange.Redis: one multiplexer, {Operations:N0} async SETs then GETs, {InFlight} in flight; "
        + $"redis-benchmark --cluster -t set,get -n {Operations} -c {BenchmarkClients} -P {BenchmarkPipeline} -r {KeySpace} -d 3, "
        + $"authenticated as the password-less ACL user {BenchmarkUser} so no secret is on its command line";

    /// <summary>SET and GET operations per second through StackExchange.Redis.</summary>
    public static async Task<(LoadResult Set, LoadResult Get)> StackExchangeAsync(ConnectionMultiplexer multiplexer)
    {
        var db = multiplexer.GetDatabase();
        var set = await MeasureAsync(i => db.StringSetAsync(Key(i), "xxx"));
        var get = await MeasureAsync(i => db.StringGetAsync(Key(i)));
        return (set, get);
    }

    /// <summary>SET and GET requests per second reported by redis-benchmark.</summary>
    public static async Task<(LoadResult Set, LoadResult Get)> RedisBenchmarkAsync(string host, int port, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "--cluster", "-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "--user", BenchmarkUser, "-a", "unused",
            "-t", "set,get", "-n", Operations.ToString(CultureInfo.InvariantCulture), "-c", BenchmarkClients.ToString(CultureInfo.InvariantCulture),
            "-P", BenchmarkPipeline.ToString(CultureInfo.InvariantCulture), "-r", KeySpace.ToString(CultureInfo.InvariantCulture), "-d", "3", "--csv",
        ];
        await using var process = BenchProcess.Start("redis-benchmark", Tools.RedisBenchmark, arguments);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var rates = process.Lines
            .Select(l => l.Split(',').Select(f => f.Trim('"')).ToArray())
            .Where(f => f.Length >= 2 && double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        if (exitCode != 0 || !rates.TryGetValue("SET", out var set) || !rates.TryGetValue("GET", out var get))
        {
            throw new InvalidOperationException($"redis-benchmark exited with code {exitCode} without SET and GET rates:\n{process.Tail()}");
        }

        return (new LoadResult(set, Operations, 0), new LoadResult(get, Operations, 0));
    }

    private static string Key(int i) => "pipe:" + (i % KeySpace).ToString(CultureInfo.InvariantCulture);

    private static async Task<LoadResult> MeasureAsync(Func<int, Task> operation)
    {
        var failed = 0L;
        var window = new Task[InFlight];
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < Operations; start += InFlight)
        {
            var count = Math.Min(InFlight, Operations - start);
            for (var i = 0; i < count; i++)
            {
                window[i] = operation(start + i);
            }

            try
            {
                await Task.WhenAll(window.Take(count));
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                failed += window.Take(count).Count(t => t.IsFaulted);
            }
        }

        return new LoadResult(Operations / clock.Elapsed.TotalSeconds, Operations, failed);
    }
}

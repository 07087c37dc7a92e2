using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedisAspire.SampleApi.Redis;

namespace RedisAspire.Bench.Clients;

/// <summary>
/// Writes one key every 10 ms through the product's own failover-aware Redis client — SampleApi's
/// <see cref="RedisExecutor"/> with its <see cref="ClusterConnection"/> and <see cref="SlotOwnerCheck"/>, registered
/// as SampleApi registers them with their default <see cref="RedisClientOptions"/> — in this process, without HTTP.
/// </summary>
public static class ProductRedisWriter
{
    /// <summary>How the failover suite's notes name this client.</summary>
    public const string Description =
        "the product's client (SampleApi's RedisExecutor/ClusterConnection/SlotOwnerCheck, default Redis options) called in-process, no HTTP";

    /// <summary>
    /// Connects through <paramref name="endpoints"/> with <paramref name="password"/> and writes <paramref name="key"/>
    /// every 10 ms, logging each attempt (one logical SET, retries inside the client included) in <paramref name="log"/>,
    /// until <paramref name="cancellationToken"/> fires.
    /// </summary>
    public static async Task RunAsync(IEnumerable<string> endpoints, string password, string key, WriteLog log, CancellationToken cancellationToken)
    {
        // The password reaches the client through in-memory configuration only, as the connection string does in SampleApi.
        var connectionString = string.Join(",", endpoints) + ",password=" + password;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:cache"] = connectionString })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMetrics();
        services.AddOptions<RedisClientOptions>();
        services.AddSingleton<RedisTelemetry>();
        services.AddSingleton<ClusterConnection>();
        services.AddSingleton<RedisExecutor>();
        services.AddSingleton<ClusterStateProbe>();
        services.AddSingleton<SlotOwnerCheck>();
        await using var provider = services.BuildServiceProvider();
        var executor = provider.GetRequiredService<RedisExecutor>();

        var sent = 0L;
        var ticks = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            var value = sent.ToString(CultureInfo.InvariantCulture);
            try
            {
                await executor.ExecuteAsync("SET", key, idempotent: true, db => db.StringSetAsync(key, value), cancellationToken);
                log.Add(started, true);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                log.Add(started, false, e.Message);
            }

            sent++;
            await Pace.UntilAsync(ticks, sent, HttpWriter.Interval, cancellationToken);
        }
    }
}

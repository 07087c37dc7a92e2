using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace RedisAspire.Bench.Clients;

/// <summary>
/// Writes one key every 10 ms with plain StackExchange.Redis (no SampleApi, no retry of its own) and the client's
/// default options: what an application gets from the library alone.
/// </summary>
public static class DirectRedisWriter
{
    public const string Description = "plain StackExchange.Redis 3.4.35, default options, one multiplexer, no retry of its own";

    /// <summary>Default options over <paramref name="endpoints"/> with <paramref name="password"/>.</summary>
    public static ConfigurationOptions Options(IEnumerable<string> endpoints, string password)
    {
        var options = new ConfigurationOptions { Password = password };
        foreach (var endpoint in endpoints)
        {
            options.EndPoints.Add(endpoint);
        }

        return options;
    }

    /// <summary>Writes until <paramref name="cancellationToken"/> fires, logging each attempt in <paramref name="log"/>.</summary>
    public static async Task RunAsync(ConfigurationOptions options, string key, WriteLog log, CancellationToken cancellationToken)
    {
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        var database = multiplexer.GetDatabase();
        var sent = 0L;
        var ticks = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await database.StringSetAsync(key, sent.ToString(CultureInfo.InvariantCulture));
                log.Add(started, true);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                log.Add(started, false, e.Message);
            }

            sent++;
            await Pace.UntilAsync(ticks, sent, HttpWriter.Interval, cancellationToken);
        }
    }
}

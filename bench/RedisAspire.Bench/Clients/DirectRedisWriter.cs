using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace RedisAspire.Bench.Clients;

/// <summary>
/// Writes one key with StackExchange.Redis 1.2.6 directly (no SampleApi) every 10 ms. 1.2.6 keeps routing a promoted
/// replica's slots to the dead master forever, so on a failed write the writer replaces its multiplexer, at most once
/// per second — the documented workaround an application using 1.2.6 needs.
/// </summary>
public static class DirectRedisWriter
{
    public const string Description = "StackExchange.Redis 1.2.6 direct, new multiplexer after a failed write (≤ 1/s)";
    private static readonly TimeSpan MinRebuildInterval = TimeSpan.FromSeconds(1);

    public static ConfigurationOptions Options(IEnumerable<string> endpoints, string password)
    {
        var options = new ConfigurationOptions
        {
            Password = password,
            AbortOnConnectFail = false,
            ConnectTimeout = 1000,
            SyncTimeout = 1000,
            ResponseTimeout = 1000,
        };
        foreach (var endpoint in endpoints)
        {
            options.EndPoints.Add(endpoint);
        }

        return options;
    }

    /// <summary>Runs on its own thread (the 1.2.6 API used here is synchronous) until <paramref name="cancellationToken"/> fires.</summary>
    public static Task RunAsync(ConfigurationOptions options, string key, WriteLog log, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => Run(options, key, log, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void Run(ConfigurationOptions options, string key, WriteLog log, CancellationToken cancellationToken)
    {
        var multiplexer = ConnectionMultiplexer.Connect(options.Clone());
        var lastRebuild = Stopwatch.GetTimestamp();
        var sent = 0L;
        var clock = Stopwatch.StartNew();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    multiplexer.GetDatabase().StringSet(key, sent.ToString(CultureInfo.InvariantCulture));
                    log.Add(started, true);
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    log.Add(started, false, e.Message);
                    if (Stopwatch.GetElapsedTime(lastRebuild) >= MinRebuildInterval)
                    {
                        var replaced = multiplexer;
                        multiplexer = ConnectionMultiplexer.Connect(options.Clone());
                        lastRebuild = Stopwatch.GetTimestamp();
                        replaced.Close(allowCommandsToComplete: false);
                        replaced.Dispose();
                    }
                }

                sent++;
                var wait = HttpWriter.Interval * sent - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    cancellationToken.WaitHandle.WaitOne(wait);
                }
            }
        }
        finally
        {
            multiplexer.Dispose();
        }
    }
}

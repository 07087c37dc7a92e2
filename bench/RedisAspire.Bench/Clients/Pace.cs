using System.Diagnostics;

namespace RedisAspire.Bench.Clients;

/// <summary>Keeps a loop on a fixed schedule: attempt n starts no earlier than n × interval (a late attempt starts at once).</summary>
public static class Pace
{
    public static async Task UntilAsync(Stopwatch clock, long attempts, TimeSpan interval, CancellationToken cancellationToken)
    {
        var wait = interval * attempts - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(wait, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the caller's loop ends.
            }
        }
    }
}

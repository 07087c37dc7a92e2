using System.Diagnostics;

namespace RedisAspire.Bench.Redis;

/// <summary>The one bounded wait loop: a condition checked with a real command, an interval and an overall timeout.</summary>
public static class Poll
{
    /// <summary>
    /// Checks <paramref name="condition"/> every <paramref name="interval"/> until it holds; past <paramref name="timeout"/>
    /// throws a <see cref="TimeoutException"/> whose message is "Timed out after … waiting for " + <paramref name="describe"/>().
    /// </summary>
    public static async Task UntilAsync(
        Func<Task<bool>> condition, TimeSpan timeout, TimeSpan interval, Func<string> describe, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (stopwatch.Elapsed >= timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {describe()}");
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    /// <summary>Seconds elapsed since a <see cref="Stopwatch"/> timestamp.</summary>
    public static double SecondsSince(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalSeconds;

    /// <summary>Seconds between two <see cref="Stopwatch"/> timestamps.</summary>
    public static double Seconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalSeconds;
}

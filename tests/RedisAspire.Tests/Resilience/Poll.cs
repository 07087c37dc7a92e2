using System.Diagnostics;
using System.Net.Sockets;

namespace RedisAspire.Tests.Resilience;

/// <summary>Bounded waits: poll a real check until it reports no problem, or fail saying what was awaited and last seen.</summary>
internal static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Calls <paramref name="problem"/> until it returns <see langword="null"/> (done) and returns how long that took.
    /// A non-null result, or a connection failure, is what was last seen when <paramref name="timeout"/> runs out.
    /// </summary>
    public static async Task<TimeSpan> UntilAsync(string awaited, TimeSpan timeout, Func<Task<string?>> problem, TimeSpan? interval = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var lastSeen = "no check finished yet";
        while (true)
        {
            try
            {
                if (await problem() is not { } seen)
                {
                    return stopwatch.Elapsed;
                }

                lastSeen = seen;
            }
            catch (Exception exception) when (exception is IOException or SocketException or TimeoutException or InvalidOperationException)
            {
                lastSeen = exception.Message;
            }

            if (stopwatch.Elapsed >= timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {awaited}; last seen: {lastSeen}");
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }
}

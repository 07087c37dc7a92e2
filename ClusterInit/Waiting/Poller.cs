using RedisAspire.Cluster;
using System.Diagnostics;
using RedisAspire.Cluster.Resp;

namespace RedisAspire.ClusterInit.Waiting;

/// <summary>
/// The one wait loop: polls a real check at an interval until it reports success, the overall
/// timeout passes, or cancellation. A timeout names what was awaited and what was last seen.
/// </summary>
public static class Poller
{
    /// <summary>
    /// Runs <paramref name="probe"/> until it returns null (done). A non-null result describes
    /// the state last seen. Transport failures inside the probe count as "last seen" and the
    /// loop goes on; authentication errors and <see cref="ClusterException"/>s end it at once.
    /// </summary>
    public static async Task UntilAsync(
        string awaited, TimeSpan timeout, TimeSpan interval, Func<CancellationToken, Task<string?>> probe, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var lastSeen = "nothing yet";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var state = await probe(cancellationToken).ConfigureAwait(false);
                if (state is null)
                {
                    return;
                }

                lastSeen = state;
            }
            catch (Exception exception) when (IsTransient(exception))
            {
                lastSeen = exception.Message;
            }

            if (stopwatch.Elapsed >= timeout)
            {
                throw new PollTimeoutException(
                    $"Timed out after {timeout.TotalSeconds:0.#} s waiting for {awaited}. Last seen: {lastSeen}");
            }

            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }

    public static bool IsTransient(Exception exception) => exception switch
    {
        RedisServerException server => !server.IsAuthenticationError,
        IOException or TimeoutException or RespProtocolException => true,
        _ => false,
    };
}

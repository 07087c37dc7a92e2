using RedisAspire.Cluster;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Resp;

namespace RedisAspire.ClusterInit.Waiting;

/// <summary>
/// Waits until every node answers PING after AUTH, up to a timeout; returns the nodes that never
/// answered with their last error. A rejected password ends the wait at once. While some nodes answer and others do
/// not, a judge may end the wait early (when the answering nodes show the others are down), so the timeout only
/// bounds the wait for nodes whose state is still open.
/// </summary>
public static class NodeWaiter
{
    /// <summary>How often the judge is asked at most: it reads every answering node's CLUSTER NODES.</summary>
    private static readonly TimeSpan JudgeInterval = TimeSpan.FromMilliseconds(250);

    public static Task<IReadOnlyList<UnreachableNode>> WaitForAllAsync(
        IReadOnlyList<ManagedNode> nodes, TimeSpan timeout, TimeSpan interval, ILogger logger, CancellationToken cancellationToken) =>
        WaitForAllAsync(nodes, timeout, interval, logger, null, cancellationToken);

    /// <summary>
    /// As above; <paramref name="judgeWithout"/> gets the nodes that answered and those that did not yet, and returns
    /// true to stop waiting for the latter.
    /// </summary>
    public static async Task<IReadOnlyList<UnreachableNode>> WaitForAllAsync(
        IReadOnlyList<ManagedNode> nodes,
        TimeSpan timeout,
        TimeSpan interval,
        ILogger logger,
        Func<IReadOnlyList<ManagedNode>, IReadOnlyList<ManagedNode>, CancellationToken, Task<bool>>? judgeWithout,
        CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var lastErrors = new string?[nodes.Count];
        Array.Fill(lastErrors, "no answer yet");
        var answered = new bool[nodes.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var polls = nodes.Select(node => WaitForAsync(node, timeout, interval, lastErrors, answered, stopwatch, logger, stop.Token)).ToArray();
        var all = Task.WhenAll(polls);
        try
        {
            while (judgeWithout is not null && !all.IsCompleted)
            {
                await Task.WhenAny(all, Task.Delay(interval > JudgeInterval ? interval : JudgeInterval, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                var done = nodes.Where(n => Volatile.Read(ref answered[n.Index])).ToList();
                var missing = nodes.Where(n => !Volatile.Read(ref answered[n.Index])).ToList();
                if (!all.IsCompleted && done.Count > 0 && missing.Count > 0 && await judgeWithout(done, missing, cancellationToken).ConfigureAwait(false))
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                    break;
                }
            }

            // Every poll ends: answered, timed out, stopped by the judge, or failed (a rejected password is rethrown).
            await all.ConfigureAwait(false);
        }
        finally
        {
            if (!all.IsCompleted)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await Task.WhenAny(all).ConfigureAwait(false);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return nodes.Where(n => !answered[n.Index]).Select(n => new UnreachableNode(n, lastErrors[n.Index] ?? "no answer")).ToList();
    }

    private static async Task WaitForAsync(
        ManagedNode node, TimeSpan timeout, TimeSpan interval, string?[] lastErrors, bool[] answered, Stopwatch stopwatch, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await Poller.UntilAsync(
                $"{node.Display} to answer PING",
                timeout,
                interval,
                async ct =>
                {
                    try
                    {
                        var reply = await node.Connection.ExecuteTextAsync(ct, "PING").ConfigureAwait(false);
                        lastErrors[node.Index] = reply == "PONG" ? null : $"answered '{reply}' instead of PONG";
                    }
                    catch (RedisServerException exception) when (exception.IsAuthenticationError)
                    {
                        throw new ClusterException(
                            $"{node.Display} rejected authentication ({exception.ServerError}). "
                            + "Set Cluster:User and Cluster:Password (environment Cluster__User, Cluster__Password) to an ACL user of the nodes "
                            + "with administration rights (AppHost's nodes: admin), or Cluster:Password alone to the nodes' requirepass.");
                    }
                    catch (Exception exception) when (Poller.IsTransient(exception))
                    {
                        lastErrors[node.Index] = exception.Message;
                    }

                    return lastErrors[node.Index];
                },
                cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref answered[node.Index], true);
            Log.NodeAnswered(logger, node.Display, stopwatch.ElapsedMilliseconds);
        }
        catch (PollTimeoutException)
        {
            // Reported by the caller with the last error seen.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The wait ended without this node (judged down, or stopped).
        }
    }
}

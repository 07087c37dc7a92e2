using RedisAspire.Cluster;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Resp;

namespace RedisAspire.ClusterInit.Waiting;

/// <summary>
/// Waits until every node answers PING after AUTH, up to a timeout; returns the nodes that never
/// answered with their last error. A rejected password ends the wait at once.
/// </summary>
public static class NodeWaiter
{
    public static async Task<IReadOnlyList<UnreachableNode>> WaitForAllAsync(
        IReadOnlyList<ManagedNode> nodes, TimeSpan timeout, TimeSpan interval, ILogger logger, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var lastErrors = new string?[nodes.Count];
        Array.Fill(lastErrors, "no answer yet");
        var answered = await Task.WhenAll(nodes.Select(async node =>
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
                Log.NodeAnswered(logger, node.Display, stopwatch.ElapsedMilliseconds);
                return true;
            }
            catch (PollTimeoutException)
            {
                return false;
            }
        })).ConfigureAwait(false);
        return nodes.Where(n => !answered[n.Index]).Select(n => new UnreachableNode(n, lastErrors[n.Index] ?? "no answer")).ToList();
    }
}

using RedisAspire.Cluster;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RedisAspire.Cluster.Inspection;
using RedisAspire.Cluster.Resp;
using RedisAspire.ClusterInit.Waiting;

namespace RedisAspire.ClusterInit.Formation;

/// <summary>
/// Shortens <c>cluster-node-timeout</c> on the new masters while a cluster forms, and puts each node's own value back.
/// A master that has seen the cluster without a slot-owning majority (every node before its slots are assigned) keeps
/// <c>cluster_state:fail</c> for a rejoin delay of <c>cluster-node-timeout</c> (clamped by Redis to 0.5–5 s) after the
/// majority appears; the delay is read at every state check, so lowering the timeout shortens a delay already running.
/// Only the runtime value changes: redis.conf keeps the configured one for restarts.
/// </summary>
public sealed class FormationNodeTimeout(ILogger logger)
{
    private const string Parameter = "cluster-node-timeout";

    private readonly List<(ManagedNode Node, string Original)> _lowered = [];

    /// <summary>Nodes whose timeout was (or may have been) lowered, with the value each had before.</summary>
    public IReadOnlyList<(ManagedNode Node, string Original)> Lowered => _lowered;

    /// <summary>
    /// Reads each node's timeout and lowers it to <paramref name="value"/> where it is higher. A node that refuses
    /// CONFIG (renamed, or not allowed for the user) keeps its timeout: formation still works, only slower.
    /// </summary>
    public async Task LowerAsync(IEnumerable<ManagedNode> nodes, TimeSpan value, CancellationToken cancellationToken)
    {
        var milliseconds = (long)value.TotalMilliseconds;
        var target = milliseconds.ToString(CultureInfo.InvariantCulture);
        await Task.WhenAll(nodes.Select(async node =>
        {
            string original;
            try
            {
                original = await ReadAsync(node, cancellationToken).ConfigureAwait(false);
            }
            catch (RedisServerException exception) when (!exception.IsAuthenticationError)
            {
                Log.NodeTimeoutKept(logger, node.Display, exception.ServerError);
                return;
            }

            if (!long.TryParse(original, NumberStyles.None, CultureInfo.InvariantCulture, out var current) || current <= milliseconds)
            {
                return;
            }

            lock (_lowered)
            {
                // Recorded before the write, so a write that fails halfway is still put back.
                _lowered.Add((node, original));
            }

            await node.Connection.ExecuteAsync(cancellationToken, "CONFIG", "SET", Parameter, target).ConfigureAwait(false);
            Log.NodeTimeoutLowered(logger, node.Display, original, target);
        })).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets every lowered node back to its own value and reads it back; throws a <see cref="ClusterException"/>
    /// naming each node that could not be restored and the command that restores it. Bounded by
    /// <paramref name="timeout"/> and independent of the run's cancellation, so a stopped run still restores.
    /// </summary>
    public async Task RestoreAsync(TimeSpan timeout)
    {
        if (_lowered.Count == 0)
        {
            return;
        }

        using var bounded = new CancellationTokenSource(timeout);
        var failures = await Task.WhenAll(_lowered.Select(entry => RestoreAsync(entry.Node, entry.Original, bounded.Token))).ConfigureAwait(false);
        var stillLowered = _lowered.Where((_, i) => failures[i] is not null).ToList();
        _lowered.Clear();
        _lowered.AddRange(stillLowered);
        var failed = failures.OfType<string>().ToList();
        if (failed.Count > 0)
        {
            throw new ClusterException(
                $"{Parameter} could not be set back on every node after forming the cluster:\n  " + string.Join("\n  ", failed));
        }
    }

    private async Task<string?> RestoreAsync(ManagedNode node, string original, CancellationToken cancellationToken)
    {
        string seen;
        try
        {
            await node.Connection.ExecuteAsync(cancellationToken, "CONFIG", "SET", Parameter, original).ConfigureAwait(false);
            seen = await ReadAsync(node, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or RedisServerException || Poller.IsTransient(exception))
        {
            seen = exception.Message;
        }

        if (seen == original)
        {
            Log.NodeTimeoutRestored(logger, node.Display, original);
            return null;
        }

        return $"{node.Display} still has a different {Parameter} (last seen: {seen}); run CONFIG SET {Parameter} {original} on it "
            + "(restarting the node from its redis.conf also restores it).";
    }

    private static async Task<string> ReadAsync(ManagedNode node, CancellationToken cancellationToken)
    {
        var reply = await node.Connection.ExecuteAsync(cancellationToken, "CONFIG", "GET", Parameter).ConfigureAwait(false);
        var items = reply.Items;
        return items is { Count: 2 } ? items[1].AsText() : throw new RespProtocolException($"{node.Display} answered CONFIG GET {Parameter} with {reply}.");
    }
}

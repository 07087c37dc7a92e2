using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RedisAspire.SampleApi.Redis;

/// <summary>
/// Asks a live node (CLUSTER NODES through the admin-mode probe connection) who serves a slot now, so the client
/// rebuilds its multiplexer the moment the cluster has a new master for a slot, and never while a failover is still
/// pending (a rebuild cannot help then, and it would hold the rebuild gate when the new master appears). One answer
/// is shared by all callers for <see cref="RedisClientOptions.OwnerCheckInterval"/>, so retrying requests do not
/// flood the cluster.
/// </summary>
public sealed class SlotOwnerCheck(ClusterStateProbe probe, IOptions<RedisClientOptions> options) : IDisposable
{
    private readonly RedisClientOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTime At, IReadOnlyList<ClusterNodeLine>? Nodes)? _last;

    /// <summary>
    /// Compares <paramref name="multiplexer"/>'s cached owner of <paramref name="key"/>'s slot with a live node's view.
    /// Returns <see langword="null"/> when no live node answered within <see cref="RedisClientOptions.ProbeTimeout"/>.
    /// </summary>
    public async Task<SlotOwnerVerdict?> CheckAsync(ConnectionMultiplexer multiplexer, RedisKey key, CancellationToken cancellationToken)
    {
        var slot = multiplexer.HashSlot(key);
        var cached = ClusterView.OwnerOf(multiplexer, key)?.ToString();
        var nodes = await LiveViewAsync(cached, cancellationToken).ConfigureAwait(false);
        if (nodes is null)
        {
            return null;
        }

        var owner = nodes.FirstOrDefault(n => n.IsHealthyMaster && n.Serves(slot));
        var failing = nodes.Where(n => n.IsFailing).Select(n => n.EndPoint).ToList();
        return new SlotOwnerVerdict(owner is not null && owner.EndPoint != cached, owner?.EndPoint, cached, failing);
    }

    public void Dispose() => _gate.Dispose();

    private async Task<IReadOnlyList<ClusterNodeLine>?> LiveViewAsync(string? avoid, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_last is { } last && DateTime.UtcNow - last.At < _options.OwnerCheckInterval)
            {
                return last.Nodes;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ProbeTimeout);
            try
            {
                var admin = await probe.GetAsync(timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
                var servers = admin.GetEndPoints()
                    .Select(e => admin.GetServer(e))
                    .Where(s => s.IsConnected && s.EndPoint.ToString() != avoid)
                    .ToList();
                foreach (var server in servers)
                {
                    try
                    {
                        var raw = await server.ClusterNodesRawAsync().WaitAsync(timeout.Token).ConfigureAwait(false);
                        var nodes = ClusterNodeLine.ParseAll(raw);
                        _last = (DateTime.UtcNow, nodes);
                        return nodes;
                    }
                    catch (RedisException)
                    {
                        // Try the next live node.
                    }
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or TimeoutException or RedisException && !cancellationToken.IsCancellationRequested)
            {
                // No answer in time: the caller falls back to rebuilding on its own schedule.
            }

            // "No answer" is shared too, so callers queued behind a check that timed out do not each wait again.
            _last = (DateTime.UtcNow, null);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }
}

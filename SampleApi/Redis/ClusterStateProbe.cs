using StackExchange.Redis;

namespace RedisAspire.SampleApi.Redis;

/// <summary>
/// A separate, admin-mode multiplexer used only to read cluster state (CLUSTER INFO, CLUSTER
/// NODES) for health. StackExchange.Redis refuses CLUSTER commands without admin mode, and the
/// data connection must not have admin mode (it would allow FLUSHALL and friends from app code).
/// </summary>
public sealed class ClusterStateProbe(ClusterConnection connection) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ConnectionMultiplexer? _multiplexer;

    public async Task<ConnectionMultiplexer> GetAsync(CancellationToken cancellationToken)
    {
        if (_multiplexer is { } existing)
        {
            return existing;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_multiplexer is null)
            {
                var options = connection.CloneConfiguration();
                options.AllowAdmin = true;
                options.ClientName = "health-probe";
                _multiplexer = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            }

            return _multiplexer;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is { } multiplexer)
        {
            await multiplexer.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
            multiplexer.Dispose();
        }

        _gate.Dispose();
    }
}

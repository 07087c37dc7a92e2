using System.Net;
using StackExchange.Redis;

namespace RedisAspire.SampleApi.Redis;

/// <summary>Reads the client's cached cluster configuration, without sending anything.</summary>
public static class ClusterView
{
    /// <summary>The master that owns <paramref name="key"/>'s slot in the client's current view, if known.</summary>
    public static EndPoint? OwnerOf(ConnectionMultiplexer multiplexer, RedisKey key)
    {
        var slot = multiplexer.HashSlot(key);
        return Configuration(multiplexer)?.GetBySlot(slot)?.EndPoint;
    }

    /// <summary>The cluster configuration of the first connected node.</summary>
    public static ClusterConfiguration? Configuration(ConnectionMultiplexer multiplexer) =>
        multiplexer.GetEndPoints()
            .Select(e => multiplexer.GetServer(e))
            .Where(s => s.IsConnected)
            .Select(s => s.ClusterConfiguration)
            .FirstOrDefault(c => c is not null);
}

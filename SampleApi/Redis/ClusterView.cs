using StackExchange.Redis;

namespace RedisAspire.SampleApi.Redis;

/// <summary>Reads the client's cached cluster configuration, without sending anything.</summary>
public static class ClusterView
{
    /// <summary>The cluster configuration of the first connected node.</summary>
    public static ClusterConfiguration? Configuration(IConnectionMultiplexer redis) =>
        redis.GetServers()
            .Where(s => s.IsConnected)
            .Select(s => s.ClusterConfiguration)
            .FirstOrDefault(c => c is not null);
}

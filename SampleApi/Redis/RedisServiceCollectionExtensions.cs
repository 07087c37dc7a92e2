namespace RedisAspire.SampleApi.Redis;

/// <summary>Registers the cluster connection, executor, telemetry and health check.</summary>
public static class RedisServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddRedisCluster(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisClientOptions>().BindConfiguration(RedisClientOptions.SectionName);
        builder.Services.AddSingleton<RedisTelemetry>();
        builder.Services.AddSingleton<ClusterConnection>();
        builder.Services.AddSingleton<RedisExecutor>();
        builder.Services.AddSingleton<ClusterStateProbe>();
        builder.Services.AddSingleton<SlotOwnerCheck>();
        builder.Services.AddHealthChecks().AddCheck<RedisClusterHealthCheck>("redis-cluster");
        builder.Services.AddExceptionHandler<RedisUnavailableHandler>();
        return builder;
    }
}

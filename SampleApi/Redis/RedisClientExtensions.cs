namespace RedisAspire.SampleApi.Redis;

/// <summary>Aspire's Redis client for the cluster, with what the API adds: the CA to trust, retries through a failover, 503s.</summary>
public static class RedisClientExtensions
{
    public static IHostApplicationBuilder AddRedisClusterClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var options = builder.Configuration.GetSection(RedisClientOptions.SectionName).Get<RedisClientOptions>() ?? new RedisClientOptions();
        builder.AddRedisClient(connectionName, configureOptions: configuration =>
        {
            // The configuration channel is for replicas that a client promotes itself (not a cluster's way); the
            // application's ACL user may use no channel, so the client does not subscribe to it.
            configuration.ConfigurationChannel = "";
            // Start even while the cluster is still forming; /health says when it serves.
            configuration.AbortOnConnectFail = false;
            if (configuration.Ssl && options.TlsCaFile.Length > 0)
            {
                configuration.TrustIssuer(options.TlsCaFile);
            }
        });
        builder.Services.AddOptions<RedisClientOptions>().BindConfiguration(RedisClientOptions.SectionName);
        builder.Services.AddSingleton<RedisCommands>();
        builder.Services.AddExceptionHandler<RedisUnavailableHandler>();
        return builder;
    }
}

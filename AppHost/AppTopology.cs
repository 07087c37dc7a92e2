namespace RedisAspire.AppHost;

/// <summary>
/// The application, top to bottom: nodes, then cluster-init, then sample-api, one resource per line. Program.cs runs
/// it from the console; the tests start exactly the same topology in-process.
/// </summary>
public static class AppTopology
{
    /// <summary>Adds every resource of the application to <paramref name="builder"/>.</summary>
    public static void Define(DistributedAppBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cache = builder.AddRedisCluster("cache");                         // redis-0 … redis-5: one redis-server process each
        var clusterInit = builder.AddClusterInit("cluster-init", cache);      // forms or verifies the cluster; exits 0 when ready
        builder.AddSampleApi("sample-api", cache, clusterInit);               // starts after cluster-init exited 0; ready on GET /health 200
    }
}

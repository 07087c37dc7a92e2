using RedisAspire.AppHost;

var builder = DistributedAppBuilder.Create(args);

var cache = builder.AddRedisCluster("cache");              // redis-0 … redis-5: one redis-server process each
builder.AddClusterInit("cluster-init", cache);             // forms or verifies the cluster; exits 0 when ready
// sample-api comes next, after cluster-init.

await using var app = builder.Build();
return await app.RunAsync();

using RedisAspire.AppHost;

var builder = DistributedAppBuilder.Create(args);
AppTopology.Define(builder);                                   // redis-0 … redis-5 -> cluster-init -> sample-api (AppTopology.cs)

await using var app = builder.Build();
return await app.RunAsync();

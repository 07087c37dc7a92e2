using RedisAspire.AppHost;
using RedisAspire.AppHost.Containers;
using RedisAspire.AppHost.Publishing;

if (BuildImageCommand.Matches(args))
{
    return await BuildImageCommand.RunAsync(args);                 // build-image [image]: the node image from this machine's Redis
}

if (BuildAppImagesCommand.Matches(args))
{
    return await BuildAppImagesCommand.RunAsync(args);             // build-app-images: cluster-init and sample-api images
}

if (PublishCommand.Matches(args))
{
    return PublishCommand.Run(args);                               // publish --format manifest|compose|kubernetes --output <dir>
}

var builder = DistributedAppBuilder.Create(args);
AppTopology.Define(builder);                                   // redis-0 … redis-5 -> cluster-init -> sample-api (AppTopology.cs)

await using var app = builder.Build();
return await app.RunAsync();

using RedisAspire.AppHost;
using RedisAspire.AppHost.Containers;
using RedisAspire.AppHost.Publishing;

// Deployment verbs (they write files and build images; they start nothing).
if (PublishCommand.Matches(args))
{
    return PublishCommand.Run(args);                               // publish --format manifest|compose|kubernetes --output <dir>
}

if (BuildImageCommand.Matches(args))
{
    return await BuildImageCommand.RunAsync(args);                 // build-image [image]: the node image from this machine's Redis
}

if (BuildAppImagesCommand.Matches(args))
{
    return await BuildAppImagesCommand.RunAsync(args);             // build-app-images: cluster-init and sample-api images
}

var builder = DistributedApplication.CreateBuilder(args);

var cache = builder.AddRedisCluster("cache", builder.Configuration.BindClusterOptions);  // cache-0 … cache-5; Healthy when the cluster is Ready

var clusterInit = builder.AddProject<Projects.ClusterInit>("cluster-init")
    .RunFromBuildOutput(ProjectPaths.ClusterInit)
    .WithOtlpExporter(OtlpProtocol.HttpProtobuf)
    .WithClusterAdministration(cache);                                                   // waits for every node, forms or repairs, exits 0 when Ready

builder.AddProject<Projects.SampleApi>("sample-api")
    .RunFromBuildOutput(ProjectPaths.SampleApi)
    .WithOtlpExporter(OtlpProtocol.HttpProtobuf)
    .WithHttpEndpoint(port: builder.Configuration.SampleApiPort(), name: "http")
    .WithHttpHealthCheck("/health")
    .WithReference(cache)
    .WaitForCompletion(clusterInit)
    .WaitFor(cache);

await builder.Build().RunAsync();
return 0;

using Microsoft.Extensions.Configuration;
using RedisAspire.AppHost;
using RedisAspire.AppHost.Containers;
using RedisAspire.AppHost.Publishing;

// Image verbs (they build the images the published deployments run; they start nothing).
if (BuildImageCommand.Matches(args))
{
    return await BuildImageCommand.RunAsync(args);                 // build-image [image]: the node image from this machine's Redis
}

if (BuildAppImagesCommand.Matches(args))
{
    return await BuildAppImagesCommand.RunAsync(args);             // build-app-images: cluster-init and sample-api images
}

var builder = DistributedApplication.CreateBuilder(PublishingSteps.WithPublisherSteps(args));  // --publisher compose|kubernetes: the publishing steps below

var cache = builder.AddRedisCluster("cache", builder.Configuration.BindClusterOptions);  // cache-0 … cache-5; Healthy when the cluster is Ready

var clusterInit = builder.AddProject<Projects.ClusterInit>("cluster-init")
    .RunFromBuildOutput(ProjectPaths.ClusterInit)
    .WithOtlpExporter(OtlpProtocol.HttpProtobuf)
    .WithClusterAdministration(cache, builder.Configuration.GetSection("ClusterInit").AsEnumerable(makePathsRelative: true)); // waits for every node, forms or repairs, exits 0 when Ready

builder.AddProject<Projects.SampleApi>("sample-api")
    .RunFromBuildOutput(ProjectPaths.SampleApi)
    .WithOtlpExporter(OtlpProtocol.HttpProtobuf)
    .WithHttpEndpoint(port: builder.Configuration.SampleApiPort(), name: "http")
    .WithHttpHealthCheck("/health")
    .WithReference(cache)
    .WaitForCompletion(clusterInit)
    .WaitFor(cache);

builder.AddComposeAndKubernetesPublishing();                                            // --operation publish --step publish-compose|publish-kubernetes

await builder.Build().RunAsync();
return Environment.ExitCode;                                                           // non-zero when a publishing step failed

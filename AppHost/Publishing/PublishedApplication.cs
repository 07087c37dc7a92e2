
namespace RedisAspire.AppHost.Publishing;

/// <summary>
/// The application model as the Compose and Kubernetes publishers read it in publish mode: the cluster and its nodes,
/// its administrator (cluster-init) and the application that references it (sample-api), each with the environment the
/// model gives it. The publishers render these values; they restate none of them.
/// </summary>
/// <param name="Cluster">The Redis Cluster resource.</param>
/// <param name="ClusterInit">The cluster's administrator.</param>
/// <param name="SampleApi">The application that references the cluster.</param>
/// <param name="Nodes">Each node's environment (the start script's contract), in node order.</param>
public sealed record PublishedApplication(
    RedisClusterResource Cluster, PublishedService ClusterInit, PublishedService SampleApi, IReadOnlyList<PublishedService> Nodes)
{
    /// <summary>Reads the one Redis Cluster of <paramref name="model"/>, its administrator and the application that references it.</summary>
    public static async Task<PublishedApplication> ReadAsync(
        DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(executionContext);
        var cluster = model.Resources.OfType<RedisClusterResource>().SingleOrDefault()
            ?? throw new AppHostException("The application model has no Redis Cluster (or more than one); these publishers write one cluster, its cluster-init and sample-api.");
        var administrator = cluster.Administrator
            ?? throw new AppHostException($"{cluster.Name} has no administrator: give cluster-init WithClusterAdministration({cluster.Name}).");
        var application = model.Resources.OfType<ProjectResource>()
            .SingleOrDefault(r => r != administrator && r.Annotations.OfType<ResourceRelationshipAnnotation>().Any(a => a.Resource == cluster && a.Type == "Reference"))
            ?? throw new AppHostException($"The application model has no project (or more than one) that references {cluster.Name}; these publishers write one (sample-api).");
        var nodes = new List<PublishedService>();
        foreach (var node in cluster.Nodes)
        {
            nodes.Add(await PublishedService.ReadAsync(node, executionContext, cancellationToken).ConfigureAwait(false));
        }

        return new PublishedApplication(
            cluster,
            await PublishedService.ReadAsync(administrator, executionContext, cancellationToken).ConfigureAwait(false),
            await PublishedService.ReadAsync(application, executionContext, cancellationToken).ConfigureAwait(false),
            nodes);
    }
}

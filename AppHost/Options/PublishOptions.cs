using RedisAspire.AppHost.Containers;

namespace RedisAspire.AppHost.Options;

/// <summary>What the deployment files name and announce; bound from the <c>Publish</c> section.</summary>
public sealed class PublishOptions
{
    public const string SectionName = "Publish";

    /// <summary>
    /// Compose: the IPv4 address clients and the nodes themselves reach every node at (written to <c>.env</c> as
    /// <c>ANNOUNCE_IP</c>). Empty means this machine's primary address (the source address of its default route).
    /// A loopback address cannot work: inside a container it is the container itself.
    /// </summary>
    public string AnnounceIp { get; set; } = "";

    /// <summary>
    /// The ClusterInit image, with a pinned tag or digest (never <c>latest</c>): cluster-init in Compose, and in Kubernetes
    /// the cluster-init Job, the cluster-init-watch Deployment and the nodes' <c>prepare-node</c> init container (its
    /// entrypoint must run ClusterInit, so arguments pass through).
    /// </summary>
    public string ClusterInitImage { get; set; } = ContainerImages.ClusterInit;

    /// <summary>The SampleApi image, with a pinned tag or digest (never <c>latest</c>).</summary>
    public string SampleApiImage { get; set; } = ContainerImages.SampleApi;

    /// <summary>
    /// <c>build-app-images</c>: the Dockerfiles' <c>BASE_IMAGE</c>. Empty means an image built from this machine's .NET
    /// runtime (<see cref="ContainerImages.DotNetBaseRepository"/>:&lt;runtime version&gt;), for sites with no registry;
    /// set <see cref="ContainerImages.OfficialDotNetBase"/> to use Microsoft's.
    /// </summary>
    public string DotNetBaseImage { get; set; } = "";
}

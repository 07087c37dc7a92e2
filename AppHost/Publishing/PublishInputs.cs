using RedisAspire.AppHost.Options;

namespace RedisAspire.AppHost.Publishing;

/// <summary>Everything a publisher needs: the bound, validated options and the solution's folder.</summary>
/// <param name="Cluster">The <c>Cluster</c> section.</param>
/// <param name="Container">The <c>Container</c> section (the node image).</param>
/// <param name="SampleApi">The <c>SampleApi</c> section.</param>
/// <param name="Otlp">The <c>Otlp</c> section.</param>
/// <param name="SolutionDirectory">The folder holding AppHost, ClusterInit and SampleApi.</param>
/// <param name="Publish">The <c>Publish</c> section (application images, announce address); null means its defaults.</param>
public sealed record PublishInputs(
    RedisClusterOptions Cluster, ContainerOptions Container, SampleApiOptions SampleApi, OtlpOptions Otlp, string SolutionDirectory,
    PublishOptions? Publish = null)
{
    /// <summary>
    /// The deployment's password (<c>Parameters:cache-password</c>, as in run mode); empty: generated on the first publish and
    /// kept by every later one.
    /// </summary>
    public string Password { get; init; } = "";

    /// <summary>The <c>Kubernetes</c> section (namespace, images, storage, external access).</summary>
    public KubernetesOptions Kubernetes { get; init; } = new();
}

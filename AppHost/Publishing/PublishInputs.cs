using RedisAspire.AppHost.Options;

namespace RedisAspire.AppHost.Publishing;

/// <summary>What the Compose and Kubernetes publishers take from the AppHost's configuration beside the application model.</summary>
/// <param name="SampleApi">The <c>SampleApi</c> section.</param>
/// <param name="Otlp">The <c>Otlp</c> section.</param>
/// <param name="Publish">The <c>Publish</c> section (application images, announce address).</param>
/// <param name="Kubernetes">The <c>Kubernetes</c> section (namespace, storage, external access).</param>
public sealed record PublishInputs(SampleApiOptions SampleApi, OtlpOptions Otlp, PublishOptions Publish, KubernetesOptions Kubernetes)
{
    /// <summary>
    /// The deployment's password (<c>Parameters:cache-password</c>, as in run mode); empty: generated on the first publish and
    /// kept by every later one.
    /// </summary>
    public string Password { get; init; } = "";
}

using RedisAspire.AppHost.Publishing;

namespace RedisAspire.Tests.Publishing;

/// <summary>A temporary folder with what the AppHost's <c>publish-kubernetes</c> step wrote into it; deleted on dispose.</summary>
public sealed class KubernetesOutput : IDisposable
{
    public KubernetesOutput(params string[] settings)
    {
        Directory = Path.Combine(Path.GetTempPath(), "redisaspire-k8s-" + Guid.NewGuid().ToString("N"));
        ExitCode = Publish(settings);
    }

    public string Directory { get; }

    public int ExitCode { get; }

    /// <summary>Publishes again into the same folder.</summary>
    public int Publish(params string[] settings) =>
        AppHostPublisher.Step(PublishingSteps.Kubernetes, Directory, settings);

    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>Every YAML file written, sorted by name.</summary>
    public IReadOnlyList<string> YamlFiles =>
        [.. System.IO.Directory.GetFiles(Directory, "*.yaml").Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}

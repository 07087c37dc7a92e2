using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Publishing;

namespace RedisAspire.Tests.Publishing;

/// <summary>The AppHost's publishing steps run the Aspire way (<c>--operation publish --step …</c>): exit codes and the files they write.</summary>
public sealed class PublishingStepTests : IDisposable
{
    private const string AnnounceIp = "--Publish:AnnounceIp=192.0.2.10";

    private readonly string _output = Path.Combine(Path.GetTempPath(), "redisaspire-publish-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void KubernetesStepWritesTheManifestsTheKustomizationAndThePasswordFile()
    {
        var exitCode = AppHostPublisher.Step(PublishingSteps.Kubernetes, _output, "--Parameters:cache-password=Publish-Secret-42");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            [".gitignore", "cluster-init-job.yaml", "cluster-init-watch.yaml", "kustomization.yaml", "namespace.yaml", "redis-config.yaml", "redis-headless.yaml",
             "redis-password.env", "redis-pdb.yaml", "redis-statefulset.yaml", "sample-api.yaml"],
            Directory.GetFiles(_output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(_output, "*.yaml"), f => Assert.DoesNotContain("Publish-Secret-42", File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public void ComposeStepWritesTheComposeFileTheSharedConfigAndTheEnvFile()
    {
        Assert.Equal(0, AppHostPublisher.Step(PublishingSteps.Compose, _output, AnnounceIp));

        Assert.Equal([".env", "docker-compose.yaml", "redis.conf"], Directory.GetFiles(_output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("--publisher", "compose", "docker-compose.yaml")]
    [InlineData("--publisher", "kubernetes", "cluster-init-job.yaml")]
    [InlineData("--publisher=compose", null, "docker-compose.yaml")]
    public async Task ThePublisherSwitchRunsTheMatchingStep(string publisher, string? name, string file)
    {
        string[] switchArguments = name is null ? [publisher] : [publisher, name];

        var result = await AppHostPublisher.RunAsync([.. switchArguments, "--output-path", _output, AnnounceIp]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(_output, file)), result.ToString());
    }

    [Theory]
    [InlineData(new[] { "--publisher", "compose", "--x" }, new[] { "--operation", "publish", "--step", "publish-compose", "--x" })]
    [InlineData(new[] { "--publisher", "manifest" }, new[] { "--publisher", "manifest" })]
    [InlineData(new[] { "--publisher" }, new[] { "--publisher" })]
    public void OnlyThePublishersOfTheseStepsAreMapped(string[] arguments, string[] expected)
    {
        Assert.Equal(expected, PublishingSteps.WithPublisherSteps(arguments));
    }

    [Fact]
    public void AnUnknownStepWritesNothing()
    {
        AppHostPublisher.Step("publish-helm", _output);

        Assert.False(Directory.Exists(_output) && Directory.EnumerateFileSystemEntries(_output).Any());
    }

    [Theory]
    [InlineData(PublishingSteps.Compose)]
    [InlineData(PublishingSteps.Kubernetes)]
    public void TlsIsRefusedRatherThanPublishedAsPlainText(string step)
    {
        Assert.NotEqual(0, AppHostPublisher.Step(step, _output, "--Cluster:Tls=true", AnnounceIp));
        Assert.False(Directory.Exists(_output) && Directory.EnumerateFileSystemEntries(_output).Any());
    }

    [Fact]
    public void InvalidConfigurationFails()
    {
        Assert.NotEqual(0, AppHostPublisher.Step(PublishingSteps.Compose, _output, "--Cluster:Masters=2", AnnounceIp));
    }

    [Theory]
    [InlineData(PublishingSteps.Compose, "ClusterInitImage", "cluster-init:latest")]
    [InlineData(PublishingSteps.Kubernetes, "ClusterInitImage", "cluster-init:latest")]
    [InlineData(PublishingSteps.Kubernetes, "SampleApiImage", "sample-api")]
    [InlineData(PublishingSteps.Compose, "SampleApiImage", "has space:1.0")]
    public void UnpinnedApplicationImagesFailAndNameThePublishKey(string step, string key, string image)
    {
        var options = new PublishOptions();
        typeof(PublishOptions).GetProperty(key)!.SetValue(options, image);

        Assert.Contains(PublishOptionsValidator.Validate(options), e => e.Contains("Publish:" + key, StringComparison.Ordinal));
        Assert.Equal(1, AppHostPublisher.Step(step, _output, $"--Publish:{key}={image}", AnnounceIp));
        Assert.False(Directory.Exists(_output) && Directory.EnumerateFiles(_output).Any());
    }

    [Fact]
    public void KubernetesUsesThePublishSectionsApplicationImages()
    {
        Assert.Equal(0, AppHostPublisher.Step(
            PublishingSteps.Kubernetes, _output, "--Publish:ClusterInitImage=registry.example/ci:2.0.0", "--Publish:SampleApiImage=registry.example/api@sha256:" + new string('a', 64)));

        var statefulSet = File.ReadAllText(Path.Combine(_output, "redis-statefulset.yaml"));
        Assert.Contains("\"registry.example/ci:2.0.0\"", File.ReadAllText(Path.Combine(_output, "cluster-init-job.yaml")), StringComparison.Ordinal);
        Assert.Contains("\"registry.example/ci:2.0.0\"", statefulSet, StringComparison.Ordinal);
        Assert.Contains("registry.example/api@sha256:" + new string('a', 64), File.ReadAllText(Path.Combine(_output, "sample-api.yaml")), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }
}

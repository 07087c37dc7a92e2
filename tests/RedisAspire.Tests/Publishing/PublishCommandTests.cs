using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Publishing;

namespace RedisAspire.Tests.Publishing;

/// <summary>The <c>publish</c> verb's command line: formats, exit codes and the file it writes.</summary>
public sealed class PublishCommandTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "redisaspire-publish-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void KubernetesFormatWritesTheManifestsTheKustomizationAndThePasswordFile()
    {
        var exitCode = PublishCommand.Run(["publish", "--format", "kubernetes", "--output", _output, "--Parameters:cache-password=Publish-Secret-42"]);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            [".gitignore", "cluster-init-job.yaml", "cluster-init-watch.yaml", "kustomization.yaml", "namespace.yaml", "redis-config.yaml", "redis-headless.yaml",
             "redis-password.env", "redis-pdb.yaml", "redis-statefulset.yaml", "sample-api.yaml"],
            Directory.GetFiles(_output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(_output, "*.yaml"), f => Assert.DoesNotContain("Publish-Secret-42", File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("helm")]
    [InlineData("manifest")]
    [InlineData("1")]
    public void UnknownOrUnimplementedFormatsExitWithTwo(string format)
    {
        Assert.Equal(2, PublishCommand.Run(["publish", "--format", format, "--output", _output]));
        Assert.False(Directory.Exists(_output));
    }

    [Fact]
    public void MissingOutputExitsWithTwo()
    {
        Assert.Equal(2, PublishCommand.Run(["publish", "--format", "compose"]));
    }

    [Theory]
    [InlineData("compose")]
    [InlineData("kubernetes")]
    public void TlsIsRefusedRatherThanPublishedAsPlainText(string format)
    {
        Assert.Equal(1, PublishCommand.Run(["publish", "--format", format, "--output", _output, "--Cluster:Tls=true"]));
        Assert.False(Directory.Exists(_output) && Directory.EnumerateFileSystemEntries(_output).Any());
    }

    [Fact]
    public void InvalidConfigurationExitsWithOne()
    {
        Assert.Equal(1, PublishCommand.Run(["publish", "--format", "compose", "--output", _output, "--Cluster:Masters=2"]));
    }

    [Theory]
    [InlineData("compose", "ClusterInitImage", "cluster-init:latest")]
    [InlineData("kubernetes", "ClusterInitImage", "cluster-init:latest")]
    [InlineData("kubernetes", "SampleApiImage", "sample-api")]
    [InlineData("compose", "SampleApiImage", "has space:1.0")]
    public void UnpinnedApplicationImagesExitWithOneAndNameThePublishKey(string format, string key, string image)
    {
        var options = new PublishOptions();
        typeof(PublishOptions).GetProperty(key)!.SetValue(options, image);

        Assert.Contains(PublishOptionsValidator.Validate(options), e => e.Contains("Publish:" + key, StringComparison.Ordinal));
        Assert.Equal(1, PublishCommand.Run(["publish", "--format", format, "--output", _output, $"--Publish:{key}={image}", "--Publish:AnnounceIp=192.0.2.10"]));
        Assert.False(Directory.Exists(_output) && Directory.EnumerateFiles(_output).Any());
    }

    [Fact]
    public void KubernetesUsesThePublishSectionsApplicationImages()
    {
        Assert.Equal(0, PublishCommand.Run(
            ["publish", "--format", "kubernetes", "--output", _output, "--Publish:ClusterInitImage=registry.example/ci:2.0.0", "--Publish:SampleApiImage=registry.example/api@sha256:" + new string('a', 64)]));

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

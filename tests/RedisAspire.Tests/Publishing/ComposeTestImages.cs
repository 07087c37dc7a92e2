using RedisAspire.AppHost.Containers;
using RedisAspire.Tests.Containers;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Publishing;

/// <summary>
/// The images the compose deployment test runs, built here with the product's own verbs (<c>build-image</c>,
/// <c>build-app-images --use-build-output</c>) under names of its own, so a person's images are never replaced.
/// </summary>
public static class ComposeTestImages
{
    public const string Redis = ContainerImages.LocalPrefix + "redis-compose-test:7.0.15";
    public const string ClusterInit = ContainerImages.LocalPrefix + "cluster-init-compose-test:" + ContainerImages.ApplicationTag;
    public const string SampleApi = ContainerImages.LocalPrefix + "sample-api-compose-test:" + ContainerImages.ApplicationTag;

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Builds the three images into <paramref name="engine"/>'s store (the .NET base image only when missing); returns how long it took.</summary>
    public static async Task<TimeSpan> BuildAsync(ContainerRuntimeCli engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var runtime = $"--Container:Runtime={engine.Path}";
        await RunAppHostAsync(BuildImageCommand.Name, Redis, runtime, $"--AppHost:RedisServerPath={RedisTools.ServerPath}");
        await RunAppHostAsync(
            BuildAppImagesCommand.Name, BuildAppImagesCommand.UseBuildOutputFlag, runtime,
            $"--Publish:ClusterInitImage={ClusterInit}", $"--Publish:SampleApiImage={SampleApi}");
        return started.Elapsed;
    }

    // The built AppHost next to the tests, not `dotnet run`, which would rebuild projects mid-run.
    private static async Task RunAppHostAsync(params string[] arguments)
    {
        var appHost = typeof(BuildImageCommand).Assembly.Location;
        var result = await ChildProcess.RunAsync(DotnetHost(), [appHost, .. arguments], BuildTimeout, workingDirectory: Path.GetDirectoryName(appHost));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building images failed: {result}");
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath) ? hostPath : "dotnet";
}

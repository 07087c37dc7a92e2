using System.Text.RegularExpressions;
using RedisAspire.AppHost.Containers;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// The Redis image the container tests run, <c>localhost/redisaspire/redis:&lt;host redis-server version&gt;</c>: there is
/// no registry, so it is built from this host's <c>redis-server</c> and <c>redis-cli</c> by the product's own
/// <c>AppHost build-image</c> (what <c>eng/build-redis-image.sh</c> runs), once per test run when it is missing.
/// The binaries keep their host paths inside the image, so <see cref="ServerPath"/> is the host's path.
/// </summary>
public static partial class LocalRedisImage
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(120);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _ensured;

    /// <summary>The path of <c>redis-server</c> inside the image (the same as on the host).</summary>
    public static string ServerPath => RedisTools.ServerPath;

    /// <summary>Builds the image unless the runtime already has it, once per test run, and returns its name.</summary>
    public static async Task<string> EnsureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_ensured is not null)
            {
                return _ensured;
            }

            var runtime = ContainerRuntimeCli.Current;
            var image = $"{ContainerImages.LocalPrefix}redis:{await HostVersionAsync()}";
            var inspect = await runtime.RunAsync(["image", "inspect", "--format", "{{.Id}}", image]);
            if (inspect.ExitCode != 0)
            {
                await BuildAsync(runtime, image);
            }

            _ensured = image;
            return image;
        }
        finally
        {
            Gate.Release();
        }
    }

    // The built AppHost next to the tests, not `dotnet run` (the script's way), which would rebuild projects mid-run.
    private static async Task BuildAsync(ContainerRuntimeCli runtime, string image)
    {
        var appHost = typeof(BuildImageCommand).Assembly.Location;
        var build = await ChildProcess.RunAsync(
            DotnetHost(),
            [appHost, BuildImageCommand.Name, image, $"--Container:Runtime={runtime.Path}", $"--AppHost:RedisServerPath={RedisTools.ServerPath}"],
            BuildTimeout,
            workingDirectory: Path.GetDirectoryName(appHost));
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building the Redis image failed: {build}");
        }
    }

    private static async Task<string> HostVersionAsync()
    {
        var version = await ChildProcess.RunAsync(RedisTools.ServerPath, ["--version"], TimeSpan.FromSeconds(10));
        var match = ServerVersion().Match(version.StandardOutput);
        return version.ExitCode == 0 && match.Success
            ? match.Groups["version"].Value
            : throw new InvalidOperationException($"No version in the output of {version}");
    }

    // The muxer that runs the tests (DOTNET_HOST_PATH is set by the SDK), as ClusterInitProcess does.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath) ? hostPath : "dotnet";

    [GeneratedRegex(@"v=(?<version>\d+\.\d+\.\d+)")]
    private static partial Regex ServerVersion();
}

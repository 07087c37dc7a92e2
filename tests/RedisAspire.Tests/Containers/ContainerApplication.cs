using System.Diagnostics;
using RedisAspire.Hosting;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Resilience;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// The real AppHost with container nodes on one runtime (<c>--AppHost:Runtime=container --Container:Runtime=…</c>),
/// through the same harness as the process-mode tests, and the check that a run leaves nothing with the project's
/// labels behind.
/// </summary>
internal static class ContainerApplication
{
    /// <summary>Label every node container carries (the hosting integration's).</summary>
    public const string ClusterLabel = "io.redisaspire.cluster";

    /// <summary>Label with the state folder a node container runs on.</summary>
    public const string StateLabel = "io.redisaspire.state-directory";

    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);

    public static TestAppHostBuilder Builder(string runtime, string stateDirectory, ITestOutputHelper output) =>
        TestAppHostBuilder.Create()
            .WithSetting("AppHost:Runtime", "container")
            .WithSetting("Container:Runtime", runtime)
            .WithStateDirectory(stateDirectory)
            .WithOutput(output);

    /// <summary>Starts the application, returns it and how long from the start to <c>cache</c> Healthy; sample-api is healthy too.</summary>
    public static async Task<(TestAppHost App, TimeSpan ToHealthy)> StartAsync(TestAppHostBuilder builder)
    {
        var app = await builder.BuildAsync();
        try
        {
            Assert.All(app.Cluster.Nodes, node => Assert.IsType<RedisClusterNodeContainerResource>(node));
            var started = Stopwatch.StartNew();
            await app.StartAsync();
            await app.WaitForHealthyAsync("cache", TestAppHostBuilder.StartTimeout);
            var toHealthy = started.Elapsed;
            await app.WaitForHealthyAsync("sample-api", TestAppHostBuilder.StartTimeout);
            return (app, toHealthy);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Asserts, waiting (bounded) for the orchestrator to finish removing them, that no container, network or volume
    /// carries <see cref="StateLabel"/> = <paramref name="stateDirectory"/>, and no network or volume carries
    /// <see cref="ClusterLabel"/> at all.
    /// </summary>
    public static async Task AssertNothingLeftAsync(ContainerRuntimeCli cli, string stateDirectory)
    {
        await Poll.UntilAsync($"{cli.Name} to hold nothing labelled {StateLabel}={stateDirectory}", CleanupTimeout, async () =>
        {
            var left = (await cli.FindLabelledAsync($"{StateLabel}={stateDirectory}"))
                .Concat((await cli.FindLabelledAsync(ClusterLabel)).Where(item => !item.StartsWith("container ", StringComparison.Ordinal)))
                .ToList();
            return left.Count == 0 ? null : string.Join(", ", left);
        }, TimeSpan.FromMilliseconds(500));
    }

    /// <summary>A new state folder under the temporary folder, for one test; the test deletes it.</summary>
    public static string NewStateDirectory() => Path.Combine(Path.GetTempPath(), "redisaspire-tests", $"containers-{Guid.NewGuid():N}");

    public static void DeleteStateDirectory(string stateDirectory)
    {
        if (Directory.Exists(stateDirectory))
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }
}

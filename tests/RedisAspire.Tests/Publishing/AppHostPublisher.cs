using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Publishing;

/// <summary>
/// Publishes the AppHost the way a user does: the built AppHost run with Aspire's publishing arguments, Aspire's own
/// manifest publisher (<c>--publisher manifest</c>) or one of the hosting integration's pipeline steps
/// (<c>--operation publish --step …</c>), settings as <c>--Key=value</c>. Nothing is started: publishing writes files.
/// </summary>
public static class AppHostPublisher
{
    /// <summary>The manifest's file name in the output folder.</summary>
    public const string ManifestFileName = "aspire-manifest.json";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    // Variables of the test host that would configure the AppHost behind the test's back.
    private static readonly string[] InheritedPrefixesToDrop = ["Cluster__", "AppHost__", "SampleApi__", "Parameters__", "ClusterInit__", "Publish__", "Kubernetes__", "Container__"];

    /// <summary>Aspire's manifest publisher: writes <see cref="ManifestFileName"/> (and the nodes' shared redis.conf) into <paramref name="directory"/>.</summary>
    public static Task<ProcessResult> ManifestAsync(string directory, params string[] settings) =>
        RunAsync(["--publisher", "manifest", "--output-path", Path.Combine(directory, ManifestFileName), .. settings]);

    /// <summary>Runs the publishing step <paramref name="step"/> (and what it depends on) into <paramref name="directory"/>.</summary>
    public static Task<ProcessResult> StepAsync(string step, string directory, params string[] settings) =>
        RunAsync(["--operation", "publish", "--step", step, "--output-path", directory, .. settings]);

    /// <summary>Runs the step <paramref name="step"/> and returns the AppHost's exit code (its output goes to the test's output on failure).</summary>
    public static int Step(string step, string directory, params string[] settings)
    {
        var result = StepAsync(step, directory, settings).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            Console.Error.WriteLine(result.ToString());
        }

        return result.ExitCode;
    }

    /// <summary>Like <see cref="ManifestAsync"/>, and fails with the AppHost's output unless it exited 0.</summary>
    public static async Task<string> PublishManifestAsync(string directory, params string[] settings)
    {
        var result = await ManifestAsync(directory, settings);
        Assert.True(result.ExitCode == 0, result.ToString());
        return await File.ReadAllTextAsync(Path.Combine(directory, ManifestFileName));
    }

    /// <summary>Runs the built AppHost with <paramref name="arguments"/> (Aspire's publishing arguments and settings).</summary>
    public static Task<ProcessResult> RunAsync(string[] arguments)
    {
        var dll = typeof(RedisAspire.AppHost.AppHostConfiguration).Assembly.Location;
        var environment = System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => InheritedPrefixesToDrop.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .ToDictionary(k => k, string? (_) => null);
        // No deployment state: Aspire would otherwise reuse parameter values an earlier publish on this machine stored.
        return ChildProcess.RunAsync(AppHostConsoleProcess.DotNetHost(), [dll, .. arguments, "--Pipeline:ClearCache=true"], Timeout, environment, Path.GetDirectoryName(dll));
    }
}

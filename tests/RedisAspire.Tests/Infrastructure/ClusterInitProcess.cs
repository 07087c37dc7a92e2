using System.Collections;
using System.Globalization;
using RedisAspire.AppHost;

namespace RedisAspire.Tests.Infrastructure;

/// <summary>
/// Runs ClusterInit as a real child process (<c>dotnet RedisAspire.ClusterInit.dll</c>), configured only through
/// environment variables, exactly as AppHost hands it its configuration.
/// </summary>
public static class ClusterInitProcess
{
    /// <summary>Overall bound of one run; past it the process is killed and the test fails with its output.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    // Variables inherited from the test host that would change ClusterInit's behaviour behind the test's back.
    private static readonly string[] InheritedPrefixesToDrop = ["Cluster__", "ConnectionStrings__", "OTEL_"];

    /// <summary>
    /// ClusterInit's own build output, as AppHost runs it (<see cref="ProjectPaths.ClusterInit"/>), not the copy next
    /// to the test assembly, whose appsettings.json may have been overwritten by another referenced project's.
    /// </summary>
    public static string AssemblyPath => File.Exists(ProjectPaths.ClusterInit)
        ? ProjectPaths.ClusterInit
        : throw new FileNotFoundException(
            $"ClusterInit is not built at {ProjectPaths.ClusterInit}; build the solution first (dotnet build RedisAspire.sln).");

    /// <summary>
    /// The environment contract for a cluster: <c>Cluster__Nodes__{i}__Name/Endpoint/BusPort[/FailureDomain]</c>,
    /// <c>Cluster__Masters</c>, <c>Cluster__ReplicasPerMaster</c>, <c>Cluster__Password</c> (with <c>Cluster__User</c> for an ACL user) and bounded waits.
    /// </summary>
    public static Dictionary<string, string?> Environment(
        IReadOnlyList<RedisNode> nodes, string password, IReadOnlyList<string>? failureDomains = null, string? user = null)
    {
        if (failureDomains is not null && failureDomains.Count != nodes.Count)
        {
            throw new ArgumentException($"{failureDomains.Count} failure domains for {nodes.Count} nodes.", nameof(failureDomains));
        }

        var environment = new Dictionary<string, string?>
        {
            ["Cluster__Masters"] = "3",
            ["Cluster__ReplicasPerMaster"] = "1",
            ["Cluster__Password"] = password,
            ["Cluster__User"] = user,
            ["Cluster__NodesTimeout"] = "00:00:10",
            ["Cluster__ReadyTimeout"] = "00:00:30",
        };
        for (var i = 0; i < nodes.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"Cluster__Nodes__{i}__");
            environment[prefix + "Name"] = nodes[i].Name;
            environment[prefix + "Endpoint"] = nodes[i].Endpoint;
            environment[prefix + "BusPort"] = nodes[i].BusPort.ToString(CultureInfo.InvariantCulture);
            if (failureDomains is not null)
            {
                environment[prefix + "FailureDomain"] = failureDomains[i];
            }
        }

        return environment;
    }

    /// <summary>
    /// Runs ClusterInit with <paramref name="environment"/> (a <see langword="null"/> value removes a variable) and
    /// returns its exit code, output and duration. Throws a <see cref="TimeoutException"/> carrying the output if it
    /// does not exit within <paramref name="timeout"/> (default <see cref="DefaultTimeout"/>).
    /// </summary>
    public static Task<ProcessResult> RunAsync(
        IReadOnlyDictionary<string, string?> environment, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        RunAsync([], environment, timeout, cancellationToken);

    /// <summary>
    /// Runs ClusterInit with command-line <paramref name="arguments"/> (e.g. <c>prepare-node --node …</c>) and
    /// <paramref name="environment"/>; otherwise as <see cref="RunAsync(IReadOnlyDictionary{string, string?}, TimeSpan?, CancellationToken)"/>.
    /// </summary>
    public static Task<ProcessResult> RunAsync(
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        ChildProcess.RunAsync(
            DotnetHost(),
            [AssemblyPath, .. arguments],
            timeout ?? DefaultTimeout,
            EffectiveEnvironment(environment),
            Path.GetDirectoryName(AssemblyPath),
            cancellationToken);

    /// <summary>
    /// Runs <c>ClusterInit prepare-node</c> with <paramref name="arguments"/> (<c>--node &lt;nodes.conf&gt;=&lt;host:port[@bus]&gt;</c>,
    /// <c>--peer &lt;id&gt;=&lt;address&gt;</c>), as a deployment runs it before a node starts.
    /// </summary>
    public static Task<ProcessResult> PrepareNodeAsync(IReadOnlyList<string> arguments, TimeSpan? timeout = null) =>
        RunAsync(["prepare-node", .. arguments], new Dictionary<string, string?>(), timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>
    /// Starts <c>ClusterInit --watch</c> with <paramref name="environment"/>: it reconciles every
    /// <c>Cluster__WatchInterval</c> until it is stopped. Dispose the returned process to kill it.
    /// </summary>
    public static LongRunningProcess StartWatching(IReadOnlyDictionary<string, string?> environment) =>
        LongRunningProcess.Start(
            "ClusterInit --watch",
            DotnetHost(),
            [AssemblyPath, "--watch"],
            EffectiveEnvironment(environment),
            Path.GetDirectoryName(AssemblyPath)!);

    private static Dictionary<string, string?> EffectiveEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        var effective = new Dictionary<string, string?>();
        foreach (DictionaryEntry inherited in System.Environment.GetEnvironmentVariables())
        {
            var name = (string)inherited.Key;
            if (InheritedPrefixesToDrop.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                effective[name] = null;
            }
        }

        foreach (var (name, value) in environment)
        {
            effective[name] = value;
        }

        return effective;
    }

    // The muxer that runs the tests, so ClusterInit uses the same runtime; DOTNET_HOST_PATH is set by the SDK.
    private static string DotnetHost()
    {
        var hostPath = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var processPath = System.Environment.ProcessPath;
        return processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet"
            ? processPath
            : "dotnet";
    }
}

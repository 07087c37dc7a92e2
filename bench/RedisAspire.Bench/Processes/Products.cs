using System.Globalization;
using RedisAspire.Bench.Redis;

namespace RedisAspire.Bench.Processes;

/// <summary>
/// Starts the built products as a user's orchestrator does: <c>dotnet &lt;dll&gt;</c>, configured only through the
/// environment (the password included), with inherited variables that would reconfigure them removed.
/// </summary>
public static class Products
{
    private static readonly string[] DropPrefixes =
        ["Cluster__", "ConnectionStrings__", "AppHost__", "SampleApi__", "Otlp__", "Redis__", "Logging__", "OTEL_", "ASPNETCORE_", "DOTNET_URLS"];

    /// <summary>ClusterInit's environment contract for <paramref name="nodes"/> (3 masters, 1 replica each).</summary>
    public static Dictionary<string, string?> ClusterInitEnvironment(IReadOnlyList<BenchNode> nodes, string password)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Cluster__Masters"] = "3",
            ["Cluster__ReplicasPerMaster"] = "1",
            ["Cluster__Password"] = password,
            ["Cluster__NodesTimeout"] = "00:00:20",
            ["Cluster__ReadyTimeout"] = "00:00:30",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        for (var i = 0; i < nodes.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"Cluster__Nodes__{i}__");
            environment[prefix + "Name"] = nodes[i].Name;
            environment[prefix + "Endpoint"] = nodes[i].Endpoint;
            environment[prefix + "BusPort"] = nodes[i].BusPort.ToString(CultureInfo.InvariantCulture);
        }

        return environment;
    }

    /// <summary>Starts ClusterInit (forms the cluster and exits 0 when it is Ready).</summary>
    public static BenchProcess StartClusterInit(IReadOnlyList<BenchNode> nodes, string password) =>
        BenchProcess.Start(
            "cluster-init", Tools.DotNet, [Tools.ClusterInitDll], ClusterInitEnvironment(nodes, password),
            Path.GetDirectoryName(Tools.ClusterInitDll), DropPrefixes);

    /// <summary>Runs ClusterInit to completion, bounded; throws with its output unless it exits 0.</summary>
    public static async Task RunClusterInitAsync(IReadOnlyList<BenchNode> nodes, string password, TimeSpan timeout)
    {
        await using var clusterInit = StartClusterInit(nodes, password);
        var exitCode = await clusterInit.WaitForExitAsync(timeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"ClusterInit exited with code {exitCode}; last output:\n{clusterInit.Tail()}");
        }
    }

    /// <summary>
    /// Starts SampleApi on 127.0.0.1:<paramref name="port"/> against <paramref name="nodes"/>; with an
    /// <paramref name="otlpEndpoint"/> it exports traces, metrics and logs there (http/protobuf), with
    /// <paramref name="otelSettings"/> added to its environment.
    /// </summary>
    public static BenchProcess StartSampleApi(
        IReadOnlyList<BenchNode> nodes, string password, int port, Uri? otlpEndpoint = null, IReadOnlyDictionary<string, string>? otelSettings = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__cache"] = string.Join(',', nodes.Select(n => n.Endpoint)) + ",password=" + password,
            ["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["OTEL_SERVICE_NAME"] = "sample-api",
            // Request logs at Information would make the console the bottleneck of the throughput suite.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (otlpEndpoint is not null)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint.GetLeftPart(UriPartial.Authority);
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            foreach (var (name, value) in otelSettings ?? new Dictionary<string, string>())
            {
                environment[name] = value;
            }
        }

        return BenchProcess.Start(
            "sample-api", Tools.DotNet, [Tools.SampleApiDll], environment, Path.GetDirectoryName(Tools.SampleApiDll), DropPrefixes);
    }
}
